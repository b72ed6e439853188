package com.practicalsystemdesign.systemtests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import com.practicalsystemdesign.systemtests.e2e.LocalRun;

/**
 * A PostgreSQL server of the suites' own: initdb and pg_ctl on a data directory under target/ and
 * a free port, so the fault suite can stop and start it. The machine's shared server is never
 * touched. initdb refuses to run as root, so as root every command runs as the {@code postgres}
 * user, which then owns the directory.
 */
final class PrivatePostgres implements AutoCloseable {

    static final String DATABASE = "users";

    private final Path home;

    private final Path bin;

    private final int port;

    private PrivatePostgres(Path home, Path bin, int port) {
        this.home = home;
        this.bin = bin;
        this.port = port;
    }

    /** A fresh cluster in {@code home} (whatever a previous run left there is stopped and removed), started. */
    static PrivatePostgres create(Path home) {
        PrivatePostgres postgres = new PrivatePostgres(home, binaries(), LocalRun.freePort());
        postgres.removeLeftovers();
        postgres.initdb();
        postgres.start();
        return postgres;
    }

    /** The server in the original design's {@code DATABASE_URL} form; local-up.sh creates the database. */
    String databaseUrl() {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    /** Starts the server and returns once it accepts connections. */
    void start() {
        pgCtl("start", "-w", "-t", "60", "-l", home.resolve("postgres.log").toString(), "-o",
                "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories='' "
                        + "-c max_connections=80 -c shared_buffers=32MB");
    }

    /**
     * Stops the server the hard way, as a crash would: connections are cut at once, and only the
     * write-ahead log guarantees what was committed.
     */
    void stop() {
        pgCtl("stop", "-w", "-m", "immediate");
    }

    boolean isRunning() {
        return Files.exists(home.resolve("data/postmaster.pid"));
    }

    /** One number from the users database, such as a row count. */
    long queryLong(String sql) {
        return query(sql, result -> result.getLong(1)).getFirst();
    }

    /** Every row of a query, read by {@code row}. */
    <T> List<T> query(String sql, Row<T> row) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                "postgres", "");
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

    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
    }

    private void initdb() {
        try {
            Files.createDirectories(home);
            if (isRoot()) {
                UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(home, owner);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync"));
    }

    private void removeLeftovers() {
        if (Files.exists(home.resolve("data/postmaster.pid"))) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "stop", "-m", "immediate"));
        }
        try {
            FileSystemUtils.deleteRecursively(home);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data()));
        command.addAll(List.of(arguments));
        run(command);
    }

    private String data() {
        return home.resolve("data").toString();
    }

    private void run(List<String> command) {
        List<String> asOwner = new ArrayList<>(isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of());
        asOwner.addAll(command);
        Path output = home.resolveSibling(home.getFileName() + "-commands.log");
        try {
            Process process = new ProcessBuilder(asOwner).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 90 s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/N/bin). */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                .max(Comparator.comparingInt(PrivatePostgres::majorVersion))
                .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin: "
                        + "sudo apt-get install postgresql"));
        }
        catch (IOException ex) {
            throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql): "
                    + "sudo apt-get install postgresql", ex);
        }
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    @FunctionalInterface
    interface Row<T> {

        T read(ResultSet result) throws SQLException;
    }
}
