package com.practicalsystemdesign.systemtests.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.practicalsystemdesign.common.testing.PrivateStore;

/**
 * The PostgreSQL of the suites' local run, the one local-up.sh started in its run
 * directory: the fault suite stops it the hard way and starts it again with
 * scripts/private-store.sh, the script local-up.sh itself uses. The machine's own server
 * is never touched.
 */
public final class PrivatePostgres {

    static final String DATABASE = "users";

    private final Path dir;

    private final int port;

    public PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts the server and returns once it accepts connections. */
    public void start() {
        PrivateStore.start("postgres", dir, port);
    }

    /**
     * Stops the server the hard way, as a crash would: connections are cut at once, and
     * only the write-ahead log guarantees what was committed.
     */
    public void stop() {
        PrivateStore.stop("postgres", dir, true);
    }

    public boolean isRunning() {
        return Files.exists(dir.resolve("data/postmaster.pid"));
    }

    /** One number from the users database, such as a row count. */
    public long queryLong(String sql) {
        return query(sql, result -> result.getLong(1)).getFirst();
    }

    /** Runs one statement that returns no rows, such as a setting. */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("'" + sql + "' failed on the private PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    /** Every row of a query, read by {@code row}. */
    public <T> List<T> query(String sql, Row<T> row) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(row.read(result));
            }
            return rows;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("'" + sql + "' failed on the private PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    /** A connection of its own, for a lab that holds a lock or a transaction open. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, "postgres", "");
    }

    @FunctionalInterface
    public interface Row<T> {

        T read(ResultSet result) throws SQLException;

    }

}
