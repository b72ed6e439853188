package com.practicalsystemdesign.userservice.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Flyway migration 3: email uniqueness by {@link EmailKey} instead of the
 * locale-dependent {@code lower(email)}. Written in Java because the backfill must fold
 * exactly as the service does; it fails, naming no address, if two existing users fold to
 * one key.
 */
@Component
public class EmailKeyMigration implements JavaMigration {

    private static final String ADD_COLUMN = "ALTER TABLE users ADD COLUMN email_key TEXT";

    private static final String ROWS = "SELECT id, email FROM users";

    private static final String BACKFILL = "UPDATE users SET email_key = ? WHERE id = ?";

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
        try (Statement ddl = connection.createStatement()) {
            for (String statement : CONSTRAIN) {
                ddl.execute(statement);
            }
        }
    }

}
