package com.practicalsystemdesign.systemtests.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.observability.GrafanaDashboard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker compose's observability profile against what it watches: Prometheus scrapes each
 * service's Actuator where application.yml puts it, Grafana shows the chart's own
 * dashboard file with Prometheus and Jaeger as data sources, and the services send spans
 * to that Jaeger. The configuration files the containers write at start are read back
 * here as YAML.
 */
class ComposeObservabilityTests {

    private static final List<String> OBSERVABILITY = List.of("prometheus", "grafana", "jaeger");

    /**
     * A here-document the container's shell writes: {@code cat > file <<'YAML'} ...
     * {@code YAML}.
     */
    private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<'YAML'\\n(.*?)\\nYAML\\n", Pattern.DOTALL);

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (InputStream in = Files.newInputStream(RepositoryRoot.resolve("docker-compose.yml"))) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
    }

    @Test
    void onlyTheObservabilityServicesAreInTheProfile() {
        services.forEach((name, definition) -> assertThat(map(definition).get("profiles")).as(name + "'s profiles")
            .isEqualTo(OBSERVABILITY.contains(name) ? List.of("observability")
                    : "load-generator".equals(name) ? List.of("load") : null));
    }

    @Test
    void prometheusScrapesActuatorOnEachServicesManagementPort() {
        Map<String, Object> config = writtenFile("prometheus", "/prometheus/prometheus.yml");
        List<String> scraped = new ArrayList<>();
        for (Object job : (List<?>) config.get("scrape_configs")) {
            assertThat(map(job).get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object targets : (List<?>) map(job).get("static_configs")) {
                scraped.addAll(strings(map(targets).get("targets")));
            }
        }
        assertThat(scraped).containsExactlyInAnyOrder(
                "user-service:" + ServiceModule.load("user-service").managementPort(),
                "chat-service:" + ServiceModule.load("chat-service").managementPort());
        assertThat(command("prometheus")).contains("--config.file=/prometheus/prometheus.yml");
    }

    @Test
    void grafanaShowsTheChartsDashboardFileWithPrometheusAndJaeger() {
        String mount = strings(map(services.get("grafana")).get("volumes")).stream()
            .filter(volume -> volume.contains("grafana-dashboard.json"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("grafana mounts no dashboard"));
        assertThat(RepositoryRoot.resolve(mount.split(":")[0]).normalize()).as("the one dashboard file")
            .isEqualTo(GrafanaDashboard.FILE.normalize());
        assertThat(mount).endsWith(":ro");
        String inContainer = mount.split(":")[1];

        Map<String, Object> providers = writtenFile("grafana", "/tmp/provisioning/dashboards/dashboards.yaml");
        String path = (String) map(map(((List<?>) providers.get("providers")).get(0)).get("options")).get("path");
        assertThat(inContainer).startsWith(path + "/");

        Map<String, Object> sources = writtenFile("grafana", "/tmp/provisioning/datasources/datasources.yaml");
        List<Map<String, Object>> datasources = ((List<?>) sources.get("datasources")).stream()
            .map(ComposeObservabilityTests::map)
            .toList();
        assertThat(datasources).extracting(source -> source.get("type"), source -> source.get("url"))
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("prometheus", "http://prometheus:9090"),
                    org.assertj.core.groups.Tuple.tuple("jaeger", "http://jaeger:16686"));
        Object jaegerUid = datasources.stream()
            .filter(source -> "jaeger".equals(source.get("type")))
            .findFirst()
            .orElseThrow()
            .get("uid");
        Map<String, Object> prometheus = datasources.stream()
            .filter(source -> "prometheus".equals(source.get("type")))
            .findFirst()
            .orElseThrow();
        assertThat(map(((List<?>) map(prometheus.get("jsonData")).get("exemplarTraceIdDestinations")).get(0)))
            .as("exemplars link to the Jaeger data source")
            .containsEntry("datasourceUid", jaegerUid);
        assertThat(environment("grafana")).containsEntry("GF_PATHS_PROVISIONING", "/tmp/provisioning");
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void theServicesLogJsonAndSendSpansToJaegerOnlyWhenSwitchedOn(String service) {
        Map<String, String> environment = environment(service);

        assertThat(environment).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
            .containsEntry("MANAGEMENT_TRACING_EXPORT_ENABLED", "${MANAGEMENT_TRACING_EXPORT_ENABLED:-false}")
            .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces");
        assertThat(strings(map(services.get("jaeger")).get("ports")))
            .contains("127.0.0.1:${JAEGER_OTLP_PORT:-4318}:4318");
    }

    /** The YAML a service's start command writes to {@code file}. */
    private static Map<String, Object> writtenFile(String service, String file) {
        Matcher heredoc = HEREDOC.matcher(command(service));
        while (heredoc.find()) {
            if (heredoc.group(1).equals(file)) {
                return new Yaml().load(heredoc.group(2));
            }
        }
        throw new AssertionError(service + "'s command writes no " + file);
    }

    private static String command(String service) {
        return String.join("\n", strings(map(services.get(service)).get("command")));
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        map(map(services.get(service)).getOrDefault("environment", Map.of()))
            .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

}
