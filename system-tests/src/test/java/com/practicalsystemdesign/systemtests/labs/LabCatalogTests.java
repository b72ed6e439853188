package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/lab/labs.tsv is the one list of labs: {@code scripts/lab.sh list}, the index of
 * docs/labs/README.md, the programs, their tests and their pages all agree with it, and
 * each page shows its lab's chart, committed under docs/labs/images/.
 */
class LabCatalogTests {

    private static final Path SOURCES = RepositoryRoot
        .resolve("system-tests/src/test/java/com/practicalsystemdesign/systemtests/labs");

    private final LabCatalog catalog = LabCatalog.read();

    @Test
    void labShListPrintsEachLabWithWhatItShows() throws Exception {
        Process list = new ProcessBuilder("bash", RepositoryRoot.resolve("scripts/lab.sh").toString(), "list")
            .redirectErrorStream(true)
            .start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output.lines().map(line -> line.split("\\s+", 2)).map(fields -> fields[0] + "\t" + fields[1]))
            .containsExactlyElementsOf(catalog.entries().stream().map(lab -> lab.name() + "\t" + lab.shows()).toList());
    }

    @Test
    void docsIndexListsExactlyTheCatalogInItsOrder() throws IOException {
        List<String> index = Files.readAllLines(RepositoryRoot.resolve("docs/labs/README.md"))
            .stream()
            .filter(line -> line.startsWith("| [`"))
            .toList();

        assertThat(index).containsExactlyElementsOf(catalog.entries()
            .stream()
            .map(lab -> "| [`" + lab.name() + "`](" + lab.page() + ") | " + lab.shows() + " |")
            .toList());
    }

    @Test
    void everyLabHasItsProgramItsTestAndItsPage() {
        assertThat(catalog.entries()).isNotEmpty().allSatisfy(lab -> {
            assertThat(lab.program()).isInstanceOf(LabProgram.class);
            assertThat(SOURCES.resolve(simpleName(lab.programName()) + "IT.java")).isRegularFile();
            assertThat(RepositoryRoot.resolve("docs/labs/" + lab.page())).isRegularFile();
        });
    }

    @Test
    void everyPageEmbedsTheCommittedChartOfItsReferenceRunAndNamesTheCommandThatDrawsItAgain() throws IOException {
        for (LabCatalog.Entry lab : catalog.entries()) {
            Path chart = RepositoryRoot.resolve("docs/labs/" + lab.chart());
            String page = Files.readString(RepositoryRoot.resolve("docs/labs/" + lab.page()));

            assertThat(chart)
                .as(lab.name() + "'s chart; scripts/lab.sh " + lab.name() + " " + LabMain.UPDATE_DOCS + " draws it")
                .isRegularFile();
            assertThat(Files.readString(chart)).as(lab.chart()).startsWith("<svg ").endsWith("</svg>\n");
            assertThat(page).as(lab.page())
                .containsPattern("!\\[[^\\]]+]\\(" + Pattern.quote(lab.chart()) + "\\)")
                .contains("scripts/lab.sh " + lab.name() + " " + LabMain.UPDATE_DOCS);
        }
    }

    @Test
    void everyCommittedChartIsShownOnAPage() throws IOException {
        StringBuilder pages = new StringBuilder();
        for (LabCatalog.Entry lab : catalog.entries()) {
            pages.append(Files.readString(RepositoryRoot.resolve("docs/labs/" + lab.page())));
        }
        try (Stream<Path> charts = Files.list(RepositoryRoot.resolve(LabMain.IMAGES.toString()))) {
            assertThat(charts.map(chart -> "](images/" + chart.getFileName() + ")"))
                .allSatisfy(embedded -> assertThat(pages.toString()).contains(embedded));
        }
    }

    @Test
    void nothingIsALabWithoutItsLineInTheCatalog() throws IOException {
        List<String> programs = catalog.entries().stream().map(lab -> simpleName(lab.programName())).toList();
        try (Stream<Path> sources = Files.list(SOURCES);
                Stream<Path> pages = Files.list(RepositoryRoot.resolve("docs/labs"))) {
            assertThat(sources.map(file -> file.getFileName().toString())
                .filter(file -> file.matches("\\w+Lab(IT)?\\.java"))
                .map(file -> file.replaceAll("(IT)?\\.java$", "")))
                .allSatisfy(program -> assertThat(programs).contains(program));
            assertThat(pages.map(file -> file.getFileName().toString())
                .filter(file -> file.endsWith(".md") && !file.equals("README.md")))
                .allSatisfy(page -> assertThat(catalog.find(page.replace(".md", ""))).isPresent());
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

}
