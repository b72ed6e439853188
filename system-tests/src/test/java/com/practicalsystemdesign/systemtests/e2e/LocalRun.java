package com.practicalsystemdesign.systemtests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * The no-container local run, driven through its own scripts exactly as a user runs them, but on
 * free ports, in a run directory under target/, against this run's own database and Redis key
 * space, so it never collides with a stack someone already has running.
 */
public final class LocalRun {

    private final Path runDir;

    private final Map<String, String> environment = new HashMap<>();

    private final int gatewayPort;

    LocalRun(Path runDir) {
        this(runDir, Map.of("DATABASE_URL", RealStores.postgres().databaseUrl(), "REDIS_URL",
                RealStores.redis().redisUrl()));
    }

    /**
     * A local run on the caller's own stores: {@code settings} holds DATABASE_URL, REDIS_URL and
     * any other variable local-up.sh reads, and wins over the free ports chosen here.
     */
    public LocalRun(Path runDir, Map<String, String> settings) {
        this.runDir = runDir;
        this.gatewayPort = freePort();
        environment.put("RUN_DIR", runDir.toString());
        environment.put("GATEWAY_PORT", String.valueOf(gatewayPort));
        environment.put("USER_SERVICE_PORT", String.valueOf(freePort()));
        environment.put("CHAT_SERVICE_PORT", String.valueOf(freePort()));
        environment.put("USER_MANAGEMENT_PORT", String.valueOf(freePort()));
        environment.put("CHAT_MANAGEMENT_PORT", String.valueOf(freePort()));
        environment.put("DYNAMODB_PORT", String.valueOf(freePort()));
        environment.putAll(settings);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    Path runDir() {
        return runDir;
    }

    /** A variable local-up.sh runs with, such as USER_SERVICE_PORT. */
    public String setting(String name) {
        return environment.get(name);
    }

    public Path log(String component) {
        return runDir.resolve("logs").resolve(component + ".log");
    }

    public String readLog(String component) {
        try {
            return Files.readString(log(component));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs scripts/local-up.sh and returns its exit code; its output goes to target/. */
    public int up() {
        return script("local-up.sh");
    }

    public int down() {
        return script("local-down.sh");
    }

    /** PIDs of the processes local-up.sh recorded as its own. */
    public List<Long> recordedPids() {
        Path pids = runDir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (var files = Files.list(pids)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pid"))
                .map(LocalRun::readPid)
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The PID local-up.sh recorded for one component (user-service, redis-server, ...). */
    public long pid(String component) {
        return readPid(runDir.resolve("pids").resolve(component + ".pid"));
    }

    private int script(String name) {
        Path output = runDir.resolveSibling(runDir.getFileName() + "-" + name + ".out");
        try {
            Files.createDirectories(runDir);
            ProcessBuilder builder = new ProcessBuilder("bash", RepositoryRoot.resolve("scripts/" + name).toString())
                .directory(RepositoryRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within 5 minutes; see " + output);
            }
            return process.exitValue();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
