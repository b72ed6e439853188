package com.practicalsystemdesign.systemtests.labs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * One run of a lab in its short mode, as {@code LAB_SHORT=1 scripts/lab.sh NAME} runs it,
 * and the numbers it measured (its results.json). A test asserts the lab's lesson from
 * those numbers alone.
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

    /** Runs the lab of the catalog named {@code name}, its output on the console too. */
    static Lab run(String name) {
        LabCatalog.Entry entry = LabCatalog.read()
            .find(name)
            .orElseThrow(() -> new AssertionError("no lab " + name + " in " + LabCatalog.FILE));
        Path out = RepositoryRoot.resolve("system-tests/target/labs/" + name);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream console = new PrintStream(new Tee(output, System.out), true, StandardCharsets.UTF_8)) {
            LabMain.run(entry, out, true, console);
            return new Lab(name, out, output.toString(StandardCharsets.UTF_8),
                    JsonMapper.builder().build().readTree(out.resolve("results.json").toFile()));
        }
        catch (Exception ex) {
            throw new AssertionError("lab " + name + " failed (logs in " + out.resolve("logs") + "): " + ex, ex);
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

    /**
     * Writes to two streams at once: what the test reads and what the build log shows.
     */
    private static final class Tee extends OutputStream {

        private final OutputStream first;

        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

    }

}
