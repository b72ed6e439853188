package com.practicalsystemdesign.systemtests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * The no-container local run, driven through its own scripts exactly as a user runs them,
 * but on free ports and in a run directory under target/, with the PostgreSQL, Redis and
 * DynamoDB Local local-up.sh starts there, so it never collides with a stack someone
 * already has running. local-up.sh runs with --no-install: a test never installs
 * anything.
 */
public final class LocalRun {

    private final Path runDir;

    private final Map<String, String> environment = new HashMap<>();

    private final int gatewayPort;

    LocalRun(Path runDir) {
        this(runDir, Map.of());
    }

    /**
     * A local run with {@code settings}: any variable local-up.sh reads, winning over the
     * free ports chosen here.
     */
    public LocalRun(Path runDir, Map<String, String> settings) {
        this.runDir = runDir;
        environment.put("RUN_DIR", runDir.toString());
        for (String port : List.of("GATEWAY_PORT", "USER_SERVICE_PORT", "CHAT_SERVICE_PORT", "USER_MANAGEMENT_PORT",
                "CHAT_MANAGEMENT_PORT", "DYNAMODB_PORT", "POSTGRES_PORT", "REDIS_PORT")) {
            environment.put(port, String.valueOf(Ports.free()));
        }
        this.gatewayPort = Integer.parseInt(environment.get("GATEWAY_PORT"));
        environment.putAll(settings);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    Path runDir() {
        return runDir;
    }

    /**
     * A variable local-up.sh runs with, such as USER_SERVICE_PORT, or the DATABASE_URL
     * and REDIS_URL it gives the services: its own stores' unless the settings named
     * others.
     */
    public String setting(String name) {
        return switch (name) {
            case "DATABASE_URL" -> environment.getOrDefault(name,
                    "postgresql://postgres@127.0.0.1:" + environment.get("POSTGRES_PORT") + "/users");
            case "REDIS_URL" ->
                environment.getOrDefault(name, "redis://127.0.0.1:" + environment.get("REDIS_PORT") + "/0");
            default -> environment.get(name);
        };
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
        return script("local-up.sh", "--no-install");
    }

    public int down() {
        return script("local-down.sh");
    }

    /**
     * Stops one component as {@code scripts/local-down.sh --only} does; up() starts it
     * again.
     */
    public int down(String component) {
        return script("local-down.sh", "--quiet", "--only", component);
    }

    /**
     * Stops one component and starts it again with {@code settings} on top of the run's
     * own (the rest keeps running); returns local-up.sh's exit code.
     */
    public int restart(String component, Map<String, String> settings) {
        return restart(component, () -> environment.putAll(settings));
    }

    /**
     * Stops one component and starts it again without settings given it before; returns
     * local-up.sh's exit code.
     */
    public int restartWithout(String component, Collection<String> settings) {
        return restart(component, () -> settings.forEach(environment::remove));
    }

    private int restart(String component, Runnable changeSettings) {
        if (down(component) != 0) {
            throw new IllegalStateException(
                    "scripts/local-down.sh --only " + component + " failed; see " + output("local-down.sh"));
        }
        changeSettings.run();
        return up();
    }

    /** PIDs of the processes local-up.sh recorded as its own, its stores' included. */
    public List<Long> recordedPids() {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(runDir.resolve("pids"), runDir.resolve("postgres"), runDir.resolve("redis"))) {
            if (Files.isDirectory(dir)) {
                try (var pids = Files.list(dir)) {
                    pids.filter(file -> file.getFileName().toString().endsWith(".pid")).forEach(files::add);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return files.stream().map(LocalRun::readPid).toList();
    }

    /**
     * The PID local-up.sh recorded for one component: a process (user-service,
     * dynamodb-local, ...) or one of its stores (postgres, redis).
     */
    public long pid(String component) {
        Path store = runDir.resolve(component).resolve(component + ".pid");
        return readPid(Files.exists(store) ? store : runDir.resolve("pids").resolve(component + ".pid"));
    }

    /** The directory local-up.sh keeps one of its stores in (postgres, redis). */
    public Path storeDir(String store) {
        return runDir.resolve(store);
    }

    private int script(String... nameAndArguments) {
        String name = nameAndArguments[0];
        Path output = output(name);
        try {
            Files.createDirectories(runDir);
            List<String> command = new ArrayList<>(
                    List.of("bash", RepositoryRoot.resolve("scripts/" + name).toString()));
            command.addAll(List.of(nameAndArguments).subList(1, nameAndArguments.length));
            ProcessBuilder builder = new ProcessBuilder(command).directory(RepositoryRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            // A guard against a hang, not a measure: a first start on a busy machine
            // trains
            // both services' start-up caches.
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within 15 minutes; see " + output);
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

    /** Where a script's output goes: beside the run directory, so that it outlives it. */
    private Path output(String script) {
        return runDir.resolveSibling(runDir.getFileName() + "-" + script + ".out");
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
