package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * What scripts/lab.sh runs: {@code LabMain NAME} runs one lab of {@link LabCatalog} into
 * LAB_OUT (target/labs/NAME), in its short mode with LAB_SHORT=1; with
 * {@code --update-docs} its charts then become the ones its page shows
 * (docs/labs/images/).
 */
public final class LabMain {

    static final String UPDATE_DOCS = "--update-docs";

    /** Where the pages of docs/labs/ find the charts of their reference runs. */
    static final Path IMAGES = Path.of("docs", "labs", "images");

    private LabMain() {
    }

    public static void main(String[] args) {
        LabCatalog catalog = LabCatalog.read();
        boolean updateDocs = args.length == 2 && args[1].equals(UPDATE_DOCS);
        LabCatalog.Entry entry = args.length == 1 || updateDocs ? catalog.find(args[0]).orElse(null) : null;
        if (entry == null) {
            System.err.println("usage: scripts/lab.sh NAME [" + UPDATE_DOCS + "], NAME one of "
                    + catalog.entries().stream().map(LabCatalog.Entry::name).toList());
            System.exit(2);
        }
        String out = System.getenv("LAB_OUT");
        Path dir = out == null || out.isBlank() ? RepositoryRoot.resolve("target/labs/" + entry.name()) : Path.of(out);
        try {
            run(entry, dir, "1".equals(System.getenv("LAB_SHORT")), System.out);
            if (updateDocs) {
                copyCharts(dir, RepositoryRoot.resolve(IMAGES.toString()), System.out);
            }
        }
        catch (Exception ex) {
            System.err.println(entry.name() + ": failed: " + ex.getMessage() + "; logs in " + dir.resolve("logs"));
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs one lab; everything it started is stopped before this returns. */
    static void run(LabCatalog.Entry entry, Path dir, boolean shortRun, PrintStream console) throws Exception {
        try (LabRun lab = LabRun.start(entry.name(), dir, shortRun, console)) {
            entry.program().run(lab);
        }
    }

    /** Copies every chart of a finished run to the docs, replacing the ones there. */
    static void copyCharts(Path dir, Path images, PrintStream console) throws IOException {
        List<Path> charts;
        try (Stream<Path> files = Files.list(dir)) {
            charts = files.filter(file -> file.getFileName().toString().endsWith(".svg")).sorted().toList();
        }
        for (Path chart : charts) {
            Path copy = images.resolve(chart.getFileName());
            Files.copy(chart, copy, StandardCopyOption.REPLACE_EXISTING);
            console.println("Updated: " + RepositoryRoot.path().relativize(copy));
        }
    }

}
