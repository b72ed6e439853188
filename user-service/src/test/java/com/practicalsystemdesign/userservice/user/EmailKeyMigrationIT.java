package com.practicalsystemdesign.userservice.user;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.common.testing.PostgresStore;
import com.practicalsystemdesign.common.testing.RealStores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrading a database from before migration 3 on real PostgreSQL, in a schema of its
 * own: users whose emails fold to one key (locale-independent cases the old
 * {@code lower(email)} index let in) stop the migration with a message that names them
 * and what to do, nothing changed; once the operator keeps one of each, the same
 * migration runs.
 */
class EmailKeyMigrationIT {

    private static final String SCHEMA = "email_key_migration_it";

    private final PostgresStore store = RealStores.postgres();

    @BeforeEach
    void databaseAtMigrationTwo() {
        Flyway flyway = flyway().target("2").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
    }

    @Test
    void collidingEmailsStopTheMigrationNamingThemAndChangingNothing() throws SQLException {
        execute("INSERT INTO users (name, email) VALUES ('Anna', 'straße@x.example'), ('Ben', 'b@x.example'),"
                + " ('Anne', 'STRASSE@x.example'), ('Emil', 'e\u0301mile@x.example'), ('Emile', 'émile@x.example')");

        assertThatThrownBy(() -> flyway().load().migrate()).isInstanceOf(FlywayException.class)
            .rootCause()
            .hasMessageContaining("Migration 3 (unique email keys) changed nothing")
            .hasMessageContaining("straße@x.example (id 1), STRASSE@x.example (id 3); e\u0301mile@x.example (id 4), "
                    + "émile@x.example (id 5).")
            .hasMessageContaining("Keep one user of each group")
            .hasMessageNotContaining("b@x.example");
        assertThat(query("SELECT max(version) FROM flyway_schema_history WHERE success")).isEqualTo("2");
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + SCHEMA
                + "' AND column_name = 'email_key'"))
            .isEqualTo("0");

        execute("UPDATE users SET email = 'anne@x.example' WHERE id = 3");
        execute("DELETE FROM users WHERE id = 4");
        flyway().load().migrate();

        assertThat(query("SELECT max(version) FROM flyway_schema_history WHERE success")).isEqualTo("3");
        assertThat(query("SELECT email_key FROM users WHERE id = 1")).isEqualTo("strasse@x.example");
    }

    private FluentConfiguration flyway() {
        return Flyway.configure()
            .dataSource(store.jdbcUrl(), store.username(), store.password())
            .schemas(SCHEMA)
            .createSchemas(true)
            .javaMigrations(new EmailKeyMigration());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
        connection.setSchema(SCHEMA);
        return connection;
    }

}
