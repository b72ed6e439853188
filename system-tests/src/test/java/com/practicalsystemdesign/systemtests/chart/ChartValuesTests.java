package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's values: lint-clean in every scenario, a schema that rejects unknown keys at
 * every level, refusals with a clear message, and a README whose keys are the real ones.
 */
class ChartValuesTests {

    private static final Scenario DEFAULTS = new Scenario("default", null);

    static List<Scenario> scenarios() {
        return Chart.scenarios();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void lintsCleanInStrictMode(Scenario scenario) {
        LintResult result = Chart.lint(scenario);

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages())
            .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @ParameterizedTest
    @CsvSource({ "typoKey=1, typoKey", "userService.cacheTTLSeconds=60, cacheTTLSeconds", "gateway.image.tga=1.0, tga",
            "postgres.auth.pasword=secret, pasword",
            "networkPolicy.gatewayFrom[0].podSelectr.matchLabels.a=b, podSelectr" })
    void rejectsAnUnknownKeyAtAnyLevel(String set, String unknownKey) {
        assertThatThrownBy(() -> Chart.template(DEFAULTS, set)).hasMessageContaining("additional properties")
            .hasMessageContaining("'" + unknownKey + "'");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThatThrownBy(() -> Chart.template(DEFAULTS, "userService.cacheTtlSeconds=soon"))
            .hasMessageContaining("cacheTtlSeconds");
    }

    @Test
    void refusesToDisablePostgresWithoutAnExternalDatabase() {
        assertThatThrownBy(() -> Chart.template(DEFAULTS, "postgres.enabled=false"))
            .hasMessageContaining("postgres.enabled=false requires an external database")
            .hasMessageContaining("externalDatabase.url")
            .hasMessageContaining("externalDatabase.existingSecret");
    }

    @Test
    void refusesToDisableRedisWithoutAnExternalRedis() {
        assertThatThrownBy(() -> Chart.template(DEFAULTS, "redis.enabled=false"))
            .hasMessageContaining("redis.enabled=false requires an external Redis")
            .hasMessageContaining("externalRedis.url");
    }

    @Test
    void anExternalDatabaseUrlGoesIntoTheUserServiceSecret() {
        String url = "postgresql://app:s3cret@db.example.internal:5432/users";
        List<HasMetadata> objects = KubernetesObjects
            .parse(Chart.template(DEFAULTS, "postgres.enabled=false", "externalDatabase.url=" + url));
        Secret secret = named(objects, Secret.class, "user-service");

        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("DATABASE_URL")), StandardCharsets.UTF_8))
            .isEqualTo(url);
        assertThat(objects).noneMatch(object -> object.getMetadata().getName().startsWith("postgres"));
    }

    @Test
    void theInClusterDatabaseUrlCarriesTheGeneratedPassword() {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(DEFAULTS));
        String password = decode(named(objects, Secret.class, "postgres-auth").getData().get("POSTGRES_PASSWORD"));
        String url = decode(named(objects, Secret.class, "user-service").getData().get("DATABASE_URL"));

        assertThat(password).matches("[A-Za-z0-9]{32}");
        assertThat(url).isEqualTo("postgresql://postgres:" + password + "@postgres:5432/users");
        assertThat(decode(named(objects, Secret.class, "user-service").getData().get("REDIS_URL")))
            .isEqualTo("redis://redis:6379/0");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void everySchemaRejectsUnknownKeysEverywhere() throws IOException {
        List<Path> schemas;
        try (Stream<Path> files = Files.walk(Chart.DIR)) {
            schemas = files.filter(file -> file.getFileName().toString().equals("values.schema.json")).toList();
        }
        assertThat(schemas).hasSize(4);
        List<String> loose = new ArrayList<>();
        for (Path schema : schemas) {
            collectLooseObjects(JsonMapper.builder().build().readTree(Files.readString(schema)),
                    Chart.DIR.relativize(schema).toString(), loose);
        }
        assertThat(loose).as("object schemas that would accept any key").isEmpty();
    }

    private static void collectLooseObjects(JsonNode node, String path, List<String> loose) {
        if (node.isObject()) {
            boolean object = node.path("type").asString("").equals("object") || node.has("properties");
            if (object) {
                JsonNode additional = node.get("additionalProperties");
                boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
                boolean typedMap = additional != null && additional.isObject() && !node.has("properties");
                if (!closed && !typedMap) {
                    loose.add(path);
                }
            }
            for (var entry : node.properties()) {
                collectLooseObjects(entry.getValue(), path + "/" + entry.getKey(), loose);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLooseObjects(node.get(i), path + "[" + i + "]", loose);
            }
        }
    }

    @Test
    void everyTopLevelValueIsExplainedByAComment() throws IOException {
        List<String> lines = Files.readAllLines(Chart.DIR.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^[A-Za-z][A-Za-z0-9]*:.*") && (i == 0 || !lines.get(i - 1).startsWith("#"))) {
                undocumented.add(lines.get(i));
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theReadmeDocumentsRealKeysAndEveryKey() throws IOException {
        String readme = Files.readString(Chart.DIR.resolve("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z][A-Za-z0-9.]*)` \\|").matcher(readme);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> paths = new TreeSet<>();
        Set<String> leaves = new TreeSet<>();
        collectPaths(valuesWithSubcharts(), "", paths, leaves);

        assertThat(documented).as("README keys that values.yaml does not have").isSubsetOf(paths);
        List<String> missing = leaves.stream()
            .filter(leaf -> documented.stream().noneMatch(key -> leaf.equals(key) || leaf.startsWith(key + ".")))
            .toList();
        assertThat(missing).as("values the README's table does not document").isEmpty();
    }

    /**
     * The umbrella's values over each subchart's own defaults: every key a user can set.
     */
    private static Map<String, Object> valuesWithSubcharts() {
        Map<String, Object> values = Chart.readYaml(Chart.DIR.resolve("values.yaml"));
        for (String subchart : List.of("postgres", "redis", "localstack")) {
            Map<String, Object> defaults = Chart.readYaml(Chart.DIR.resolve("charts/" + subchart + "/values.yaml"));
            @SuppressWarnings("unchecked")
            Map<String, Object> overrides = (Map<String, Object>) values.get(subchart);
            values.put(subchart, Chart.merge(defaults, overrides));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void collectPaths(Map<String, Object> values, String prefix, Set<String> paths, Set<String> leaves) {
        values.forEach((key, value) -> {
            String path = prefix + key;
            paths.add(path);
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                collectPaths((Map<String, Object>) map, path + ".", paths, leaves);
            }
            else {
                leaves.add(path);
            }
        });
    }

    @Test
    void theAppVersionIsTheMavenVersionThatTagsTheImages() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepositoryRoot.resolve("pom.xml").toFile());
        String mavenVersion = null;
        var children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if ("version".equals(children.item(i).getNodeName())) {
                mavenVersion = children.item(i).getTextContent().trim();
            }
        }
        Map<String, Object> chart = Chart.readYaml(Chart.DIR.resolve("Chart.yaml"));

        assertThat(chart.get("appVersion")).isEqualTo(mavenVersion);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachStoreIsALocalSubchartSwitchedByItsEnabledValue() {
        List<Map<String, Object>> dependencies = (List<Map<String, Object>>) Chart
            .readYaml(Chart.DIR.resolve("Chart.yaml"))
            .get("dependencies");

        assertThat(dependencies).extracting(d -> d.get("name"))
            .containsExactly("postgres", "redis", "localstack", ChartSharedTemplatesTests.LIBRARY);
        for (Map<String, Object> dependency : dependencies) {
            String name = (String) dependency.get("name");
            if (name.equals(ChartSharedTemplatesTests.LIBRARY)) {
                continue;
            }
            Map<String, Object> subchart = Chart.readYaml(Chart.DIR.resolve("charts/" + name + "/Chart.yaml"));
            assertThat(dependency).containsEntry("repository", "file://charts/" + name)
                .containsEntry("condition", name + ".enabled")
                .containsEntry("version", subchart.get("version"));
            assertThat(Chart.readYaml(Chart.DIR.resolve("values.yaml")).get(name))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("enabled", true);
        }
    }

}
