package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * One run of a lab: its output directory, the numbers it recorded (written to
 * results.json, the file the lab tests read, so the table, the conclusion and the tests
 * use one set of numbers), its steps on the console, and everything it started, closed in
 * reverse order at the end.
 */
final class LabRun implements AutoCloseable {

    private final String name;

    private final Path out;

    private final boolean shortRun;

    private final PrintStream console;

    private final Map<String, Object> results = new LinkedHashMap<>();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private final long origin = System.nanoTime();

    private LabRun(String name, Path out, boolean shortRun, PrintStream console) {
        this.name = name;
        this.out = out;
        this.shortRun = shortRun;
        this.console = console;
    }

    /** A fresh run: {@code out} is emptied first, each lab starts from nothing. */
    static LabRun start(String name, Path out, boolean shortRun, PrintStream console) throws IOException {
        FileSystemUtils.deleteRecursively(out);
        Files.createDirectories(out.resolve("logs"));
        return new LabRun(name, out, shortRun, console);
    }

    Path out() {
        return out;
    }

    boolean isShort() {
        return shortRun;
    }

    /** The full size, or the short one when the tests run the lab (LAB_SHORT=1). */
    int size(int full, int shortSize) {
        return shortRun ? shortSize : full;
    }

    void step(String text) {
        console.printf("==> [%3ds] %s%n", seconds(), text);
    }

    /** Closed when the lab ends, whatever happened, after what was started later. */
    <T extends AutoCloseable> T closeAtEnd(T resource) {
        started.push(resource);
        return resource;
    }

    /** One measured number (or word), under a key the lab's test reads. */
    void record(String key, Object value) {
        results.put(key, value instanceof Double number ? round(number) : value);
    }

    Object recorded(String key) {
        return results.get(key);
    }

    /** A recorded number, for a chart. */
    double number(String key) {
        return ((Number) results.get(key)).doubleValue();
    }

    /** A line of evidence beside the tables. */
    void note(String line) {
        console.println(line);
    }

    void print(Table table) {
        console.println();
        console.print(table.render("    "));
        console.println();
    }

    void chart(String file, SvgChart chart) throws IOException {
        Files.writeString(out.resolve(file), chart.toSvg());
    }

    /** Records the conclusion and the duration, writes results.json and says so. */
    void finish(String conclusion) throws IOException {
        record("conclusion", conclusion);
        record("seconds", seconds());
        JsonMapper.builder()
            .build()
            .writerWithDefaultPrettyPrinter()
            .writeValue(out.resolve("results.json").toFile(), results);
        console.printf("Conclusion: %s%n%n", conclusion);
        try (var files = Files.list(out)) {
            console.printf("Written: %s (in %ds)%n", String.join(", ", files.filter(file -> {
                String fileName = file.getFileName().toString();
                return fileName.endsWith(".json") || fileName.endsWith(".svg");
            }).sorted().map(LabRun::shown).toList()), seconds());
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            }
            catch (Exception ex) {
                if (failure == null) {
                    failure = new IllegalStateException(name + ": could not stop what it started", ex);
                }
                else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private long seconds() {
        return (System.nanoTime() - origin) / 1_000_000_000;
    }

    /** A path as a reader of the repository knows it: from its root, when inside it. */
    private static String shown(Path file) {
        Path root = RepositoryRoot.path();
        return file.toAbsolutePath().startsWith(root) ? root.relativize(file.toAbsolutePath()).toString()
                : file.toString();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A number as the tables print it: whole numbers bare, others with two decimals. */
    static String format(Object value) {
        if (value instanceof Double number) {
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue())
                    : String.format(Locale.ROOT, "%.2f", number);
        }
        return String.valueOf(value);
    }

}
