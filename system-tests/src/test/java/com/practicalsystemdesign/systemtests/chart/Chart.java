package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * The umbrella chart under helm/practical-system-design, driven through helm-java (a helm
 * bundled as a native library from Maven Central), offline: no cluster, no chart
 * repository.
 */
final class Chart {

    static final String RELEASE = "practical-system-design";

    static final String NAMESPACE = "practical-system-design";

    /**
     * The oldest Kubernetes the chart's kubeVersion admits (helm template assumes 1.20
     * otherwise).
     */
    static final String KUBE_VERSION = "1.34.0";

    static final Path DIR = RepositoryRoot.resolve("helm/practical-system-design");

    private static final Pattern HOOK_ANNOTATION = Pattern.compile("(?m)^\\s*helm\\.sh/hook(-delete-policy)?:.*\\R");

    /** Where copies of the chart are made: this module's build directory. */
    private static final Path WORK = Path.of("target", "chart-tests").toAbsolutePath();

    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    /**
     * Renders are pure functions of chart, values and sets: each is made once per test
     * run.
     */
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Chart() {
    }

    /**
     * The default values plus one scenario per ci/*-values.yaml, as chart-testing would
     * run them.
     */
    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("default", null));
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            files.filter(file -> file.getFileName().toString().endsWith("-values.yaml"))
                .sorted(Comparator.comparing(Path::toString))
                .forEach(file -> scenarios.add(new Scenario(file.getFileName().toString(), file)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return scenarios;
    }

    /**
     * {@code helm template} of the chart as it is: the manifests `helm install` applies
     * (no hooks).
     */
    static String template(Scenario scenario, String... sets) {
        return template(DIR, scenario, sets);
    }

    /**
     * {@code helm template} of a copy whose test hooks are plain manifests, so that the
     * `helm test` pod is rendered too (helm-java returns the release manifest, which
     * leaves hooks out).
     */
    static String templateWithTestHooks(Scenario scenario, String... sets) {
        Path copy = COPIES.computeIfAbsent("unhooked", key -> {
            Path dir = copyOfChart(key);
            try (Stream<Path> tests = Files.list(dir.resolve("templates/tests"))) {
                for (Path test : tests.toList()) {
                    Files.writeString(test, HOOK_ANNOTATION.matcher(Files.readString(test)).replaceAll(""));
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return dir;
        });
        return template(copy, scenario, sets);
    }

    private static String template(Path chart, Scenario scenario, String... sets) {
        return RENDERED.computeIfAbsent(chart + " " + scenario.name() + " " + String.join(" ", sets),
                key -> render(chart, scenario, sets));
    }

    private static String render(Path chart, Scenario scenario, String... sets) {
        TemplateCommand command = new Helm(chart).template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
        if (scenario.valuesFile() != null) {
            command.withValuesFile(scenario.valuesFile());
        }
        for (String set : sets) {
            String[] keyValue = set.split("=", 2);
            command.set(keyValue[0], keyValue[1]);
        }
        return command.call();
    }

    /**
     * {@code helm lint --strict} with the scenario's values. helm-java's lint takes no
     * values file, so the scenario is linted as a copy of the chart whose values.yaml is
     * the defaults merged with the scenario (the same deep merge helm applies to `-f`).
     */
    static LintResult lint(Scenario scenario) {
        Path chart = DIR;
        if (scenario.valuesFile() != null) {
            chart = copyOfChart("lint-" + scenario.name());
            Map<String, Object> merged = merge(readYaml(DIR.resolve("values.yaml")), readYaml(scenario.valuesFile()));
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            try {
                Files.writeString(chart.resolve("values.yaml"), new Yaml(options).dump(merged));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return new Helm(chart).lint().strict().call();
    }

    /** The output of a dry-run install (client only): release notes included. */
    static String dryRunInstall(Scenario scenario) {
        var command = new Helm(DIR).install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .dryRun()
            .withDryRunOption(com.marcnuri.helm.DryRun.CLIENT)
            .clientOnly()
            .withKubeVersion(KUBE_VERSION);
        if (scenario.valuesFile() != null) {
            command.withValuesFile(scenario.valuesFile());
        }
        return command.call().getOutput();
    }

    static Map<String, Object> readYaml(Path file) {
        try {
            Map<String, Object> map = new Yaml().load(Files.readString(file));
            return map == null ? new LinkedHashMap<>() : map;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Helm's coalescing of user values over defaults: maps merge, anything else replaces,
     * null deletes.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            }
            else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> base) {
                merged.put(key, merge((Map<String, Object>) base, (Map<String, Object>) map));
            }
            else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A fresh copy of the chart under target/chart-tests/<name>/. */
    private static Path copyOfChart(String name) {
        Path target = WORK.resolve(name).resolve("practical-system-design");
        freshCopy(DIR, target);
        return target;
    }

    /**
     * The directory {@code source} copied to {@code target}, whatever was there before
     * deleted.
     */
    static void freshCopy(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path file : paths.toList()) {
                    Path destination = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(destination);
                    }
                    else {
                        Files.copy(file, destination);
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A set of values the chart is rendered with: the defaults, or the defaults plus one
     * ci/ file.
     */
    record Scenario(String name, Path valuesFile) {

        boolean enabled(String subchart) {
            Map<String, Object> values = valuesFile == null ? Map.of() : readYaml(valuesFile);
            Object block = values.get(subchart);
            if (block instanceof Map<?, ?> map && map.get("enabled") instanceof Boolean enabled) {
                return enabled;
            }
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }

}
