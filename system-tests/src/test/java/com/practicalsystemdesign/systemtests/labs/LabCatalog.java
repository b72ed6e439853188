package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * The one list of labs, scripts/lab/labs.tsv (name, tab, what it shows): scripts/lab.sh
 * list prints it, and {@link LabCatalogTests} checks that every entry has its program
 * ({@code CacheAsideLab} for {@code cache-aside}), its {@code *LabIT}, its page in
 * docs/labs/ with its chart, and its line in docs/labs/README.md, and that nothing exists
 * without an entry.
 */
record LabCatalog(List<Entry> entries) {

    static final Path FILE = Path.of("scripts", "lab", "labs.tsv");

    static LabCatalog read() {
        try {
            return new LabCatalog(Files.readAllLines(RepositoryRoot.resolve(FILE.toString()))
                .stream()
                .filter(line -> !line.isBlank())
                .map(Entry::parse)
                .toList());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Optional<Entry> find(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /** One lab: its name on the command line and what it shows, in one line. */
    record Entry(String name, String shows) {

        static Entry parse(String line) {
            String[] fields = line.split("\t", 2);
            if (fields.length != 2) {
                throw new IllegalStateException(FILE + ": '" + line + "' is not 'name<TAB>what it shows'");
            }
            return new Entry(fields[0], fields[1]);
        }

        /** The program's class name: {@code cache-aside} is {@code CacheAsideLab}. */
        String programName() {
            StringBuilder name = new StringBuilder();
            for (String word : this.name.split("-")) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
            return LabCatalog.class.getPackageName() + "." + name + "Lab";
        }

        LabProgram program() {
            try {
                return (LabProgram) Class.forName(programName()).getDeclaredConstructor().newInstance();
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("lab " + name + " has no program " + programName(), ex);
            }
        }

        /** Its page, relative to docs/labs/. */
        String page() {
            return name + ".md";
        }

        /**
         * The chart of its reference run that its page shows, relative to docs/labs/.
         */
        String chart() {
            return "images/" + name + ".svg";
        }

    }

}
