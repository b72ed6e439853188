package com.practicalsystemdesign.systemtests.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation of a clone is complete: every relative link in every Markdown file
 * (README.md, docs/, the modules' READMEs) reaches a file of the repository, and a link's
 * {@code #anchor} a heading of its target; nothing points outside the repository; and no
 * table of the README is copied into docs/.
 */
class DocumentationLinksTests {

    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".idea", ".run",
            ".local-run");

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    private static final Pattern TABLE_SEPARATOR = Pattern.compile("\\|[\\s:|-]+\\|?");

    private static final Path ROOT = RepositoryRoot.path();

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String target : links(file)) {
                String problem = problem(file, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(file) + ": (" + target + ") " + problem);
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeAndTheTopicsLinkTheHttpContract() {
        assertThat(links(ROOT.resolve("README.md"))).contains("docs/api.md");
        assertThat(ROOT.resolve("docs/api.md")).isRegularFile();
        assertThat(markdownFiles()).as("docs/ and the READMEs").hasSizeGreaterThan(10);
    }

    /**
     * Each fact has one home: a table of the README links its home in docs/, never copies
     * it.
     */
    @Test
    void noTableRowOfTheReadmeIsRepeatedInDocs() {
        Set<String> readme = tableRows(ROOT.resolve("README.md"));
        List<String> repeated = new ArrayList<>();
        for (Path file : markdownFiles()) {
            if (file.startsWith(ROOT.resolve("docs"))) {
                tableRows(file).stream()
                    .filter(readme::contains)
                    .forEach(row -> repeated.add(ROOT.relativize(file) + ": " + row));
            }
        }

        assertThat(readme).as("the README's table rows").isNotEmpty();
        assertThat(repeated).as("README table rows repeated in docs/").isEmpty();
    }

    @Test
    void noFilePointsToTheWorkspaceOutsideTheRepository() throws IOException {
        // Built from parts, so this file does not match itself.
        List<String> outside = List.of(".." + "/shared/", "shared/" + "API.md");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = sources()) {
            for (Path file : files.filter(DocumentationLinksTests::isText).toList()) {
                String text = Files.readString(file);
                outside.stream()
                    .filter(text::contains)
                    .forEach(hit -> found.add(ROOT.relativize(file) + " cites " + hit));
            }
        }

        assertThat(found).isEmpty();
    }

    private String problem(Path file, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto:: outside links are the reader's to
                         // follow
        }
        int hash = target.indexOf('#');
        String pathPart = (hash < 0) ? target : target.substring(0, hash);
        String anchor = (hash < 0) ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "does not exist";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "has no heading #" + anchor;
        }
        return null;
    }

    private Set<String> anchors(Path markdown) {
        return anchors.computeIfAbsent(markdown, DocumentationLinksTests::headingSlugs);
    }

    /**
     * GitHub's heading ids: lower case, punctuation dropped, spaces as hyphens, repeats
     * numbered.
     */
    private static Set<String> headingSlugs(Path markdown) {
        Set<String> slugs = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
                String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                slugs.add((count == 1) ? slug : slug + "-" + (count - 1));
            }
        }
        return slugs;
    }

    /**
     * The body rows of a file's tables, stripped: every table line but a table's first
     * (its header) and its separator.
     */
    private static Set<String> tableRows(Path markdown) {
        Set<String> rows = new HashSet<>();
        boolean inTable = false;
        for (String line : proseLines(markdown)) {
            String row = line.strip();
            boolean tableLine = row.startsWith("|");
            if (tableLine && inTable && !TABLE_SEPARATOR.matcher(row).matches()) {
                rows.add(row);
            }
            inTable = tableLine;
        }
        return rows;
    }

    private static List<String> links(Path markdown) {
        List<String> targets = new ArrayList<>();
        for (String line : proseLines(markdown)) {
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The lines outside fenced code blocks, where a link is a link. */
    private static List<String> proseLines(Path markdown) {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        try {
            for (String line : Files.readAllLines(markdown)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                }
                else if (!fenced) {
                    prose.add(line);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return prose;
    }

    private static List<Path> markdownFiles() {
        try (Stream<Path> files = sources()) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private static Stream<Path> sources() {
        try {
            return Files.walk(ROOT)
                .filter(Files::isRegularFile)
                .filter(file -> NOT_SOURCES.stream()
                    .noneMatch(excluded -> hasSegment(ROOT.relativize(file), excluded)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean hasSegment(Path relative, String excluded) {
        for (Path segment : relative) {
            if (segment.toString().equals(excluded)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return Stream
            .of(".md", ".java", ".yml", ".yaml", ".xml", ".sh", ".properties", ".conf", ".json", ".tpl", ".txt", ".lua")
            .anyMatch(name::endsWith) || name.equals("run") || name.equals("mvnw");
    }

}
