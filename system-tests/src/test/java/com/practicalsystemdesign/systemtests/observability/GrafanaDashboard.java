package com.practicalsystemdesign.systemtests.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * The Grafana dashboard,
 * {@code helm/practical-system-design/files/grafana-dashboard.json}: the one file docker
 * compose provisions and the chart puts in a ConfigMap.
 */
public final class GrafanaDashboard {

    public static final Path FILE = RepositoryRoot.resolve("helm/practical-system-design/files/grafana-dashboard.json");

    /** A metric in PromQL: a name right before its label matchers, {@code name{...}}. */
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");

    private final JsonNode json;

    private GrafanaDashboard(JsonNode json) {
        this.json = json;
    }

    /** Parses the file; a syntax error fails here. */
    public static GrafanaDashboard read() {
        try {
            return new GrafanaDashboard(JsonMapper.builder().build().readTree(Files.readString(FILE)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public JsonNode json() {
        return json;
    }

    /** Every panel, rows included, nested ones too. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL query: the panels' targets and the template variables' queries. */
    public List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asString()));
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                queries.add(variable.path("definition").asString());
            }
        }
        return queries;
    }

    /** The Prometheus metric names the queries read. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String query : queries()) {
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                names.add(selector.group(1));
            }
        }
        return names;
    }

}
