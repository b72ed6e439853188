package com.practicalsystemdesign.systemtests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.LocalRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run the reliability suites share, started by scripts/local-up.sh on free
 * ports in target/reliability-run, with the PostgreSQL, Redis and DynamoDB Local
 * local-up.sh starts there, which belong to it alone, so that they can be stopped and
 * started. scripts/local-down.sh stops it all.
 */
final class ReliabilityStack implements AutoCloseable {

    static final Path DIR = Path.of("target", "reliability-run").toAbsolutePath();

    final PrivatePostgres postgres;

    final LocalRun run;

    final Gateway gateway;

    final RedisCli redis;

    final ChatTables chatTables;

    private ReliabilityStack(LocalRun run) {
        this.postgres = new PrivatePostgres(run.storeDir("postgres"), Integer.parseInt(run.setting("POSTGRES_PORT")));
        this.run = run;
        this.gateway = new Gateway(run.gatewayUrl());
        this.redis = new RedisCli(Integer.parseInt(run.setting("REDIS_PORT")));
        this.chatTables = new ChatTables(URI.create("http://127.0.0.1:" + run.setting("DYNAMODB_PORT")));
    }

    static ReliabilityStack start() {
        Path runDir = DIR.resolve("run");
        stopLeftovers(runDir);
        LocalRun run = new LocalRun(runDir, Map.of());
        if (run.up() != 0) {
            run.down();
            throw new IllegalStateException("scripts/local-up.sh failed; see " + DIR.resolve("run-local-up.sh.out"));
        }
        return new ReliabilityStack(run);
    }

    /**
     * Brings back every store that is not running, as a user would: local-up.sh starts
     * what is missing (PostgreSQL, Redis or DynamoDB Local) and leaves what runs alone,
     * the services included.
     */
    void startMissingStores() {
        started(run.up());
    }

    /**
     * Stops one service and starts it again with {@code settings} on top of the run's own
     * (the stores keep running).
     */
    void restart(String service, Map<String, String> settings) {
        started(run.restart(service, settings));
    }

    /** Stops one service and starts it again without settings given it before. */
    void restartWithout(String service, Collection<String> settings) {
        started(run.restartWithout(service, settings));
    }

    private static void started(int localUpExitCode) {
        assertThat(localUpExitCode).as("scripts/local-up.sh exit code; see " + DIR.resolve("run-local-up.sh.out"))
            .isZero();
    }

    /**
     * HTTP status of a service's readiness probe on its management port (user-service or
     * chat-service).
     */
    int readiness(String service) {
        String port = run.setting(service.equals("user-service") ? "USER_MANAGEMENT_PORT" : "CHAT_MANAGEMENT_PORT");
        return new Gateway("http://127.0.0.1:" + port).get("/actuator/health/readiness").status();
    }

    @Override
    public void close() {
        try {
            run.down();
        }
        finally {
            chatTables.close();
        }
    }

    /** A run an earlier, interrupted test JVM could not stop. */
    private static void stopLeftovers(Path runDir) {
        LocalRun leftover = new LocalRun(runDir, Map.of());
        if (!leftover.recordedPids().isEmpty()) {
            leftover.down();
        }
        try {
            FileSystemUtils.deleteRecursively(runDir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
