package com.practicalsystemdesign.userservice.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Flyway migration 3: email uniqueness by {@link EmailKey} instead of the
 * locale-dependent {@code lower(email)}. Written in Java because the backfill must fold
 * exactly as the service does. Existing users whose emails fold to one key cannot all
 * stay: the migration then fails, changing nothing, with a message that names them and
 * what to do (docs/api.md, "Upgrading to migration 3").
 */
@Component
public class EmailKeyMigration implements JavaMigration {

    private static final String ADD_COLUMN = "ALTER TABLE users ADD COLUMN email_key TEXT";

    private static final String ROWS = "SELECT id, email FROM users";

    private static final String BACKFILL = "UPDATE users SET email_key = ? WHERE id = ?";

    /** Each group of users the unique index would refuse, oldest first. */
    private static final String COLLISIONS = """
            SELECT string_agg(concat(email, ' (id ', id, ')'), ', ' ORDER BY id) AS users
            FROM users GROUP BY email_key HAVING count(*) > 1 ORDER BY min(id)
            """;

    /** How many groups the failure lists; an operator fixes those and runs it again. */
    private static final int LISTED = 20;

    private static final String[] CONSTRAIN = { "ALTER TABLE users ALTER COLUMN email_key SET NOT NULL",
            "CREATE UNIQUE INDEX users_email_key_key ON users (email_key)", "DROP INDEX users_email_lower_key" };

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "email key folded by the service";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(ADD_COLUMN);
        }
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(ROWS);
                PreparedStatement update = connection.prepareStatement(BACKFILL)) {
            while (rows.next()) {
                update.setString(1, EmailKey.of(rows.getString("email")));
                update.setLong(2, rows.getLong("id"));
                update.addBatch();
            }
            update.executeBatch();
        }
        refuseCollisions(connection);
        try (Statement ddl = connection.createStatement()) {
            for (String statement : CONSTRAIN) {
                ddl.execute(statement);
            }
        }
    }

    private static void refuseCollisions(Connection connection) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(COLLISIONS)) {
            while (rows.next()) {
                groups.add(rows.getString("users"));
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        String listed = String.join("; ", groups.subList(0, Math.min(LISTED, groups.size())))
                + (groups.size() > LISTED ? "; and " + (groups.size() - LISTED) + " more groups" : "");
        throw new IllegalStateException("Migration 3 (unique email keys) changed nothing: users' emails must "
                + "differ once case and Unicode spelling are folded (docs/api.md), and these are one address each: "
                + listed + ". Keep one user of each group: change the others' email "
                + "(UPDATE users SET email = '...' WHERE id = ...) or delete them, then start the service again.");
    }

}
