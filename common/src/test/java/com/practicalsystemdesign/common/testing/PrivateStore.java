package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL or Redis server of one's own, started and stopped by
 * {@code scripts/private-store.sh}, the very script the local run starts its stores with:
 * the OS's binaries when installed, else the ones the {@code scripts/stores} module
 * fetched from Maven Central. Never the machine's own servers, so no running server or
 * trust authentication is needed.
 */
public final class PrivateStore {

    private static final Path JVM_STORES = Path.of("target", "private-stores").toAbsolutePath();

    private PrivateStore() {
    }

    /**
     * Starts (or finds running) the {@code kind} server with its data in {@code dir} on
     * {@code port}.
     */
    public static void start(String kind, Path dir, int port) {
        script("start", kind, dir.toString(), String.valueOf(port));
    }

    /**
     * Stops it; {@code immediate} for PostgreSQL cuts every connection at once, as a
     * crash does.
     */
    public static void stop(String kind, Path dir, boolean immediate) {
        List<String> arguments = new ArrayList<>(List.of("stop", kind, dir.toString()));
        if (immediate) {
            arguments.add("immediate");
        }
        script(arguments.toArray(String[]::new));
    }

    /**
     * A server for this test JVM alone, in target/private-stores/&lt;kind&gt;-&lt;pid&gt;
     * on a free port, stopped and removed at JVM exit. Whatever a killed JVM left behind
     * there goes first.
     */
    static int startForThisJvm(String kind) {
        removeLeftovers(kind);
        Path dir = JVM_STORES.resolve(kind + "-" + ProcessHandle.current().pid());
        int port = Ports.free();
        start(kind, dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndRemove(kind, dir)));
        return port;
    }

    private static void removeLeftovers(String kind) {
        if (!Files.isDirectory(JVM_STORES)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(JVM_STORES)) {
            dirs.filter(dir -> dir.getFileName().toString().matches(kind + "-\\d+"))
                .filter(dir -> ProcessHandle
                    .of(Long.parseLong(dir.getFileName().toString().substring(kind.length() + 1)))
                    .isEmpty())
                .forEach(dir -> stopAndRemove(kind, dir));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void stopAndRemove(String kind, Path dir) {
        try {
            stop(kind, dir, true);
            FileSystemUtils.deleteRecursively(dir);
        }
        catch (IOException | RuntimeException ex) {
            System.err.println("could not remove the private " + kind + " in " + dir + ": " + ex.getMessage());
        }
    }

    /** Runs the script; a failure carries its one line saying what to fix. */
    private static void script(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(output.isEmpty() ? String.join(" ", command) + " failed" : output);
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

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts/private-store.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/private-store.sh not found above " + Path.of("").toAbsolutePath());
    }

}
