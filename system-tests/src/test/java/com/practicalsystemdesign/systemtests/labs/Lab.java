package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * One run of {@code scripts/lab.sh NAME} in its short mode, as a learner runs it, and the
 * numbers it measured (its results.json). A test asserts the lab's lesson from those
 * numbers alone.
 */
final class Lab {

    private final String name;

    private final Path out;

    private final String output;

    private final JsonNode results;

    private Lab(String name, Path out, String output, JsonNode results) {
        this.name = name;
        this.out = out;
        this.output = output;
        this.results = results;
    }

    /**
     * Runs the lab (LAB_SHORT=1) and fails with its last lines when it does not finish
     * cleanly.
     */
    static Lab run(String name) {
        Path out = RepositoryRoot.resolve("system-tests/target/labs/" + name);
        Path log = RepositoryRoot.resolve("system-tests/target/labs/" + name + ".out");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", RepositoryRoot.resolve("scripts/lab.sh").toString(),
                    name)
                .directory(RepositoryRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            builder.environment().put("LAB_SHORT", "1");
            builder.environment().put("LAB_OUT", out.toString());
            Process process = builder.start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
                throw new AssertionError("lab " + name + " did not finish within 4 minutes; see " + log);
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new AssertionError("lab " + name + " exited " + process.exitValue() + ":\n" + tail(output));
            }
            return new Lab(name, out, output,
                    JsonMapper.builder().build().readTree(out.resolve("results.json").toFile()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** What {@code scripts/lab.sh list} prints. */
    static String list() {
        try {
            Process process = new ProcessBuilder("bash", RepositoryRoot.resolve("scripts/lab.sh").toString(), "list")
                .redirectErrorStream(true)
                .start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    double number(String key) {
        return value(key).asDouble();
    }

    String text(String key) {
        return value(key).asString();
    }

    String output() {
        return output;
    }

    boolean wrote(String file) {
        return Files.isRegularFile(out.resolve(file));
    }

    /** Nothing the lab started is left: its run directory (the stores' data) is gone. */
    boolean cleanedUp() {
        return !Files.exists(out.resolve("run"));
    }

    private JsonNode value(String key) {
        JsonNode value = results.get(key);
        if (value == null) {
            String prefix = key.substring(0, key.indexOf('.') + 1);
            throw new AssertionError("lab " + name + " recorded no " + key + "; of " + prefix + "* it recorded "
                    + results.propertyNames().stream().filter(recorded -> recorded.startsWith(prefix)).toList());
        }
        return value;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }

}
