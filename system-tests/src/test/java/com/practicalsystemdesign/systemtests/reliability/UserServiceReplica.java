package com.practicalsystemdesign.systemtests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.LocalRun;

import static org.awaitility.Awaitility.await;

/**
 * A second user-service instance beside the local run's: the same jar, stores and ports,
 * started the way local-up.sh starts the first, but bound to 127.0.0.2, so that one name
 * can stand for both instances (see {@link BalancingGateway}).
 */
public final class UserServiceReplica implements AutoCloseable {

    public static final String ADDRESS = "127.0.0.2";

    private final Process process;

    private UserServiceReplica(Process process) {
        this.process = process;
    }

    public static UserServiceReplica start(LocalRun run, Path log) {
        return start(run, log, Map.of());
    }

    /**
     * The same, with some of the local run's settings replaced (for example a REDIS_URL
     * through a proxy).
     */
    static UserServiceReplica start(LocalRun run, Path log, Map<String, String> overrides) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment()
            .putAll(Map.of("SERVER_PORT", run.setting("USER_SERVICE_PORT"), "SERVER_ADDRESS", ADDRESS,
                    "MANAGEMENT_SERVER_PORT", run.setting("USER_MANAGEMENT_PORT"), "MANAGEMENT_SERVER_ADDRESS", ADDRESS,
                    "DATABASE_URL", run.setting("DATABASE_URL"), "REDIS_URL", run.setting("REDIS_URL")));
        builder.environment().putAll(overrides);
        UserServiceReplica replica;
        try {
            replica = new UserServiceReplica(builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Gateway management = new Gateway("http://" + ADDRESS + ":" + run.setting("USER_MANAGEMENT_PORT"));
        await("second user-service ready; see " + log).atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .failFast("second user-service exited; see " + log, () -> !replica.process.isAlive())
            .until(() -> management.get("/actuator/health/readiness").status() == 200);
        return replica;
    }

    /** Ends the instance as a crash would: no shutdown, connections cut mid-request. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Gone, and its ports free, once this returns: the next replica binds the same
     * address and ports.
     */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The instance's own HTTP port, without any gateway. */
    static Gateway direct(LocalRun run) {
        return new Gateway("http://" + ADDRESS + ":" + run.setting("USER_SERVICE_PORT"));
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(RepositoryRoot.resolve("user-service/target"))) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches("user-service-.*\\.jar"))
                .filter(file -> !file.getFileName().toString().matches(".*-(plain|tests|sources)\\.jar"))
                .toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("user-service/target has no jar: ./mvnw -pl user-service -am package");
            }
            return jars.getFirst();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
