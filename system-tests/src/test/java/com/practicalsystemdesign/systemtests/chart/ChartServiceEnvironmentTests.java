package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services are configured in the cluster through the same environment variables as in
 * docker compose and the local run, no more, and those are the variables the code reads.
 */
class ChartServiceEnvironmentTests {

    /**
     * Logs and traces, the same in both services: Spring Boot's own settings
     * (common-defaults.properties).
     */
    private static final Set<String> OBSERVABILITY = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "MANAGEMENT_TRACING_EXPORT_ENABLED", "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");

    /** The configuration of each service: one list for every deployment mode. */
    private static final Map<String, Set<String>> VARIABLES = Map.of("user-service",
            union(Set.of("DATABASE_URL", "REDIS_URL", "CACHE_TTL_SECONDS"), OBSERVABILITY), "chat-service",
            union(Set.of("DYNAMODB_ENDPOINT", "AWS_REGION", "CHATS_TABLE", "CHAT_PARTICIPANTS_TABLE",
                    "CHAT_TABLES_CREATE_MISSING"), OBSERVABILITY));

    /**
     * Read by the AWS SDK's default credentials chain, not by the service's own
     * configuration.
     */
    private static final Set<String> AWS_SDK_KEYS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private static final Pattern DOCUMENTED_VARIABLE = Pattern.compile("#.*?\\[([A-Z][A-Z0-9_]*)]");

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new TreeSet<>(first);
        union.addAll(second);
        return union;
    }

    static List<Scenario> scenarios() {
        return Chart.scenarios();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theServicesGetExactlyTheirConfigurationVariables(Scenario scenario) {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(scenario));
        Map<String, EnvVar> user = env(objects, "user-service");
        Map<String, EnvVar> chat = env(objects, "chat-service");

        assertThat(user.keySet()).containsExactlyInAnyOrderElementsOf(VARIABLES.get("user-service"));
        assertThat(chat.keySet()).containsAll(VARIABLES.get("chat-service"));
        Set<String> extra = new TreeSet<>(chat.keySet());
        extra.removeAll(VARIABLES.get("chat-service"));
        assertThat(extra).isEqualTo(scenario.enabled("localstack") ? AWS_SDK_KEYS : Set.of());

        for (String secretVariable : List.of("DATABASE_URL", "REDIS_URL")) {
            EnvVar variable = user.get(secretVariable);
            assertThat(variable.getValue()).as(secretVariable + " never appears in the pod spec").isNull();
            var reference = variable.getValueFrom().getSecretKeyRef();
            boolean external = scenario.name().startsWith("external") && secretVariable.equals("DATABASE_URL");
            if (external) {
                assertThat(reference.getName() + "/" + reference.getKey()).isEqualTo("users-database/url");
            }
            else {
                assertThat(named(objects, Secret.class, reference.getName()).getData()).containsKey(reference.getKey());
            }
        }
        boolean localstack = scenario.enabled("localstack");
        assertThat(chat.get("DYNAMODB_ENDPOINT").getValue()).isEqualTo(localstack ? "http://localstack:4566" : "");
        assertThat(chat.get("CHAT_TABLES_CREATE_MISSING").getValue()).isEqualTo(String.valueOf(localstack));
        assertThat(chat.get("CHATS_TABLE").getValue()).isEqualTo("Chats");
        assertThat(chat.get("CHAT_PARTICIPANTS_TABLE").getValue()).isEqualTo("ChatParticipants");
        assertThat(user.get("CACHE_TTL_SECONDS").getValue()).isEqualTo("3600");
        boolean tracing = scenario.name().startsWith("observability");
        for (Map<String, EnvVar> service : List.of(user, chat)) {
            assertThat(service.get("LOGGING_STRUCTURED_FORMAT_CONSOLE").getValue()).isEqualTo("ecs");
            assertThat(service.get("MANAGEMENT_TRACING_EXPORT_ENABLED").getValue()).isEqualTo(String.valueOf(tracing));
            assertThat(service.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT").getValue())
                .startsWith("http://")
                .endsWith(":4318/v1/traces");
        }
    }

    private static Map<String, EnvVar> env(List<HasMetadata> objects, String service) {
        Container container = named(objects, Deployment.class, service).getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv()
            .forEach(variable -> assertThat(env.put(variable.getName(), variable))
                .as(service + " sets " + variable.getName() + " twice")
                .isNull());
        assertThat(container.getEnvFrom()).as(service + " envFrom").isEmpty();
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void theVariablesAreTheOnesTheServiceReads(String service) throws IOException {
        Path yml = RepositoryRoot.resolve(service + "/src/main/resources/application.yml");
        assertThat(yml).as("the configuration " + service + " reads").exists();
        String text = Files.readString(yml);
        Set<String> read = new TreeSet<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> map) {
                flatten(map, "", read);
            }
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            read.add(placeholder.group(1));
        }
        // A setting whose default lives in its properties record is named in a comment
        // with its variable in brackets, e.g. [CACHE_TTL_SECONDS].
        Matcher documented = DOCUMENTED_VARIABLE.matcher(text);
        while (documented.find()) {
            read.add(documented.group(1));
        }
        // The conventions every service shares, common's defaults, are settings of each
        // service too.
        Properties defaults = new Properties();
        try (var in = Files
            .newInputStream(RepositoryRoot.resolve("common/src/main/resources/common-defaults.properties"))) {
            defaults.load(in);
        }
        defaults.stringPropertyNames()
            .forEach(key -> read
                .add(key.replaceAll("[.\\-\\[\\]]", "_").replaceAll("_+", "_").toUpperCase(Locale.ROOT)));

        assertThat(read).as("relaxed keys of " + yml + " in environment-variable form")
            .containsAll(VARIABLES.get(service));
    }

    /**
     * Each key path in its environment-variable form: cache.ttl-seconds becomes
     * CACHE_TTL_SECONDS.
     */
    private static void flatten(Map<?, ?> map, String prefix, Set<String> keys) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            keys.add(path.replaceAll("[.\\-\\[\\]]", "_").replaceAll("_+", "_").toUpperCase(Locale.ROOT));
            if (value instanceof Map<?, ?> child) {
                flatten(child, path, keys);
            }
        });
    }

    @Test
    void theVariablesAreTheSameAsInDockerCompose() {
        Path compose = RepositoryRoot.resolve("docker-compose.yml");
        Assumptions.assumeTrue(Files.exists(compose), "docker-compose.yml is not there yet");
        Map<String, Object> services = asMap(Chart.readYaml(compose).get("services"));
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(new Scenario("default", null)));

        for (String service : VARIABLES.keySet()) {
            Object environment = asMap(services.get(service)).get("environment");
            Set<String> composeNames = environment instanceof List<?> list ? list.stream()
                .map(entry -> String.valueOf(entry).split("=", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new)) : new TreeSet<>(asMap(environment).keySet());
            assertThat(composeNames).as(service + " in docker-compose.yml and in the chart")
                .containsExactlyInAnyOrderElementsOf(env(objects, service).keySet());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

}
