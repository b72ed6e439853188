package com.practicalsystemdesign.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** Creates a database of its own on the local PostgreSQL server and drops it at JVM exit. */
final class LocalPostgres {

    private LocalPostgres() {
    }

    static PostgresStore start() {
        String host = RealStores.env("TEST_POSTGRES_HOST", "127.0.0.1");
        int port = Integer.parseInt(RealStores.env("TEST_POSTGRES_PORT", "5432"));
        String user = RealStores.env("TEST_POSTGRES_USER", "postgres");
        String password = RealStores.env("TEST_POSTGRES_PASSWORD", "");
        StoreUnreachable.check("PostgreSQL", host, port,
                "start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_POSTGRES_HOST/PORT");
        String database = "psd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        execute(adminUrl, user, password, "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)")));
        return new PostgresStore(host, port, database, user, password);
    }

    private static void execute(String url, String user, String password, String sql) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused '" + sql + "': " + ex.getMessage(), ex);
        }
    }
}
