package com.practicalsystemdesign.systemtests.labs;

import java.io.PrintStream;
import java.nio.file.Path;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * What scripts/lab.sh runs: {@code LabMain NAME} runs one lab of {@link LabCatalog} into
 * LAB_OUT (target/labs/NAME), in its short mode with LAB_SHORT=1.
 */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) {
        LabCatalog catalog = LabCatalog.read();
        LabCatalog.Entry entry = args.length == 1 ? catalog.find(args[0]).orElse(null) : null;
        if (entry == null) {
            System.err.println("usage: scripts/lab.sh NAME, one of "
                    + catalog.entries().stream().map(LabCatalog.Entry::name).toList());
            System.exit(2);
        }
        String out = System.getenv("LAB_OUT");
        Path dir = out == null || out.isBlank() ? RepositoryRoot.resolve("target/labs/" + entry.name()) : Path.of(out);
        try {
            run(entry, dir, "1".equals(System.getenv("LAB_SHORT")), System.out);
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

}
