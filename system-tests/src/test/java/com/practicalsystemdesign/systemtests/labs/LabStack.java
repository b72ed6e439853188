package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

import com.practicalsystemdesign.common.testing.PrivateStore;
import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.LocalRun;
import com.practicalsystemdesign.systemtests.reliability.PrivatePostgres;
import com.practicalsystemdesign.systemtests.reliability.RedisCli;

/**
 * A local run of the lab's own (scripts/local-up.sh on free ports, its stores under the
 * lab's run directory), with PostgreSQL's pg_stat_statements loaded so that a lab counts
 * the queries the database itself saw. Closing it stops everything and removes the
 * stores' data, keeping their logs.
 */
final class LabStack implements AutoCloseable {

    final LocalRun run;

    final Gateway gateway;

    final PrivatePostgres postgres;

    final RedisCli redis;

    private final LabRun lab;

    private LabStack(LabRun lab, LocalRun run) {
        this.lab = lab;
        this.run = run;
        this.gateway = new Gateway(run.gatewayUrl());
        this.postgres = new PrivatePostgres(run.storeDir("postgres"), port("POSTGRES_PORT"));
        this.redis = new RedisCli(port("REDIS_PORT"));
    }

    /**
     * Starts it with {@code settings} for the services (any variable local-up.sh reads).
     */
    static LabStack start(LabRun lab, Map<String, String> settings) {
        LabStack stack = lab.closeAtEnd(new LabStack(lab, new LocalRun(lab.out().resolve("run"), settings)));
        PrivateStore.start("postgres", stack.run.storeDir("postgres"), stack.port("POSTGRES_PORT"));
        stack.postgres.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        PrivateStore.stop("postgres", stack.run.storeDir("postgres"), false);
        stack.up();
        stack.postgres.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return stack;
    }

    int port(String name) {
        return Integer.parseInt(run.setting(name));
    }

    /**
     * Stops one service and starts it again with other settings (the stores keep
     * running).
     */
    void restart(String service, Map<String, String> settings) {
        started(run.restart(service, settings));
    }

    /** Starts whatever of the local run is not running, as scripts/local-up.sh does. */
    void up() {
        started(run.up());
    }

    private void started(int localUpExitCode) {
        if (localUpExitCode != 0) {
            throw new IllegalStateException(
                    "scripts/local-up.sh failed; see " + lab.out().resolve("run-local-up.sh.out"));
        }
    }

    /**
     * Calls PostgreSQL counted for statements whose text matches {@code like} (ILIKE).
     */
    long statementCalls(String like) {
        return postgres.queryLong("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ILIKE '" + like
                + "' AND query NOT ILIKE '%pg_stat%'");
    }

    void resetStatements() {
        postgres.query("SELECT pg_stat_statements_reset()", row -> row.getObject(1));
    }

    @Override
    public void close() throws IOException {
        run.down();
        Path logs = lab.out().resolve("run/logs");
        if (Files.isDirectory(logs)) {
            FileSystemUtils.copyRecursively(logs, lab.out().resolve("logs"));
        }
        FileSystemUtils.deleteRecursively(lab.out().resolve("run"));
    }

}
