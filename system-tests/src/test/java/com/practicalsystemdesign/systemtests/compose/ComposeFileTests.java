package com.practicalsystemdesign.systemtests.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docker-compose.yml against what it deploys: valid for docker-compose, the services'
 * environment variables and ports as their application.yml declares them, the images as
 * Jib names them, and the gateway rendered from the one nginx/nginx.conf.
 */
class ComposeFileTests {

    /** The variables nginx/nginx.conf is rendered with, in every deployment mode. */
    private static final List<String> GATEWAY_VARIABLES = List.of("GATEWAY_LISTEN", "USER_SERVICE_ADDR",
            "CHAT_SERVICE_ADDR");

    /**
     * {@code [127.0.0.1:]${VARIABLE:-default}:container}: every host port can be moved,
     * so two copies (and a local run) can run side by side.
     */
    private static final Pattern PUBLISHED_PORT = Pattern
        .compile("(?:127\\.0\\.0\\.1:)?\\$\\{([A-Z][A-Z0-9_]*_PORT):-(\\d+)}:(\\d+)");

    private static final Pattern HEALTHCHECK_PROBE = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)\\b");

    private static Map<String, Object> services;

    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (InputStream in = Files.newInputStream(RepositoryRoot.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = (Map<String, Object>) compose.get("services");
            volumes = (Map<String, Object>) compose.getOrDefault("volumes", Map.of());
        }
    }

    /**
     * Without a profile, and with the optional observability profile (Prometheus,
     * Grafana, Jaeger).
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "observability" })
    @RequiresTool(Tool.DOCKER_COMPOSE) // validates a file without a running Docker engine
    void composeFileIsValidForDockerCompose(String profile) throws Exception {
        List<String> command = new ArrayList<>(Tool.DOCKER_COMPOSE.command());
        if (!profile.isEmpty()) {
            command.addAll(List.of("--profile", profile));
        }
        command.addAll(List.of("-f", "docker-compose.yml", "config", "-q"));
        Process process = new ProcessBuilder(command).directory(RepositoryRoot.path().toFile())
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60s");
        }
        assertThat(process.exitValue()).as("%s said:%n%s", String.join(" ", command), output).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void everyEnvironmentVariableIsASettingOfTheServiceOrAStandardVariable(String name) {
        ServiceModule module = ServiceModule.load(name);
        Set<String> unknown = new LinkedHashSet<>();
        for (String variable : environment(name).keySet()) {
            if (!ServiceModule.STANDARD_VARIABLES.contains(variable) && module.settingBoundBy(variable) == null) {
                unknown.add(variable);
            }
        }
        assertThat(unknown)
            .as("environment variables of %s in docker-compose.yml that bind no key of %s/src/main/resources/application.yml",
                    name, name)
            .isEmpty();
    }

    @Test
    void environmentUsesTheOriginalDesignsVariableNames() {
        assertThat(environment("user-service")).containsKeys("DATABASE_URL", "REDIS_URL", "CACHE_TTL_SECONDS");
        assertThat(environment("chat-service")).containsKeys("DYNAMODB_ENDPOINT", "AWS_REGION", "CHATS_TABLE",
                "CHAT_PARTICIPANTS_TABLE", "CHAT_TABLES_CREATE_MISSING");
        assertThat(environment("user-service").get("DATABASE_URL")).startsWith("postgresql://")
            .contains("@postgres:5432/users");
        assertThat(environment("user-service").get("REDIS_URL")).startsWith("redis://redis:6379/");
        assertThat(environment("chat-service").get("DYNAMODB_ENDPOINT")).isEqualTo("http://localstack:4566");
        assertThat(environment("chat-service").get("CHAT_TABLES_CREATE_MISSING")).isEqualTo("true");
        assertThat(environment("postgres").get("POSTGRES_DB")).isEqualTo("users");
        assertThat(environment("localstack").get("SERVICES")).contains("dynamodb");
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void portsAreTheServerAndManagementPortsOfApplicationYml(String name) {
        ServiceModule module = ServiceModule.load(name);
        for (String port : list(service(name), "ports")) {
            Matcher published = PUBLISHED_PORT.matcher(port);
            assertThat(published.matches()).as("%s publishes %s", name, port).isTrue();
            assertThat(Integer.parseInt(published.group(3))).as("container port %s publishes", name)
                .isEqualTo(module.port());
        }
        Matcher probe = HEALTHCHECK_PROBE.matcher(healthcheck(name));
        assertThat(probe.find()).as("%s's healthcheck probes a port on 127.0.0.1", name).isTrue();
        assertThat(Integer.parseInt(probe.group(1))).as("the port %s's healthcheck probes", name)
            .isEqualTo(module.managementPort());
        String address = environment("gateway")
            .get(name.equals("user-service") ? "USER_SERVICE_ADDR" : "CHAT_SERVICE_ADDR");
        assertThat(address).as("where the gateway sends %s's requests", name).isEqualTo(name + ":" + module.port());
    }

    /**
     * A second copy ({@code docker compose -p second}) or a local run needs other host
     * ports: each published port is a variable of its own whose default is the documented
     * port.
     */
    @Test
    void everyHostPortIsAVariableWhoseDefaultIsTheDocumentedPort() {
        Map<String, String> defaults = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            for (String port : list(map(definition), "ports")) {
                Matcher published = PUBLISHED_PORT.matcher(port);
                assertThat(published.matches()).as("%s publishes %s", name, port).isTrue();
                assertThat(defaults.put(published.group(1), published.group(2)))
                    .as("%s is the variable of one published port", published.group(1))
                    .isNull();
            }
        });
        assertThat(defaults).containsEntry("GATEWAY_PORT", "80")
            .containsEntry("USER_SERVICE_PORT", "8001")
            .containsEntry("CHAT_SERVICE_PORT", "8002");
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void healthcheckAsksActuatorReadiness(String name) {
        assertThat(healthcheck(name)).contains("GET /actuator/health/readiness ")
            .contains("grep -q \"\\\"status\\\":\\\"UP\\\"\"");
        assertThat(healthcheckTest(name))
            .as("the JRE image has no curl and its sh no /dev/tcp: the healthcheck is bash")
            .hasSize(2)
            .startsWith("CMD-SHELL")
            .last()
            .asString()
            .startsWith("bash -c '");
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void imageIsTheOneJibBuildsWithThePortsOfApplicationYml(String name) throws Exception {
        Document rootPom = xml(RepositoryRoot.resolve("pom.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();
        String jib = "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration";
        String prefix = xpath.evaluate("/project/properties/jib.image-prefix", rootPom);
        String image = xpath.evaluate(jib + "/to/image", rootPom)
            .replace("${jib.image-prefix}", prefix)
            .replace("${project.artifactId}", name);
        NodeList tags = (NodeList) xpath.evaluate(jib + "/to/tags/tag", rootPom, XPathConstants.NODESET);
        List<String> tagValues = new ArrayList<>();
        for (int i = 0; i < tags.getLength(); i++) {
            tagValues.add(tags.item(i).getTextContent().strip());
        }
        assertThat(tagValues).as("tags Jib gives the images").contains("latest");
        assertThat(image).isEqualTo("practical-system-design/" + name);
        assertThat(service(name).get("image")).isEqualTo(image + ":latest");

        ServiceModule module = ServiceModule.load(name);
        assertThat(xpath.evaluate(jib + "/container/ports/port[1]", rootPom)).isEqualTo("${container.service-port}");
        assertThat(xpath.evaluate(jib + "/container/ports/port[2]", rootPom)).isEqualTo("${container.management-port}");
        assertThat(Integer.parseInt(module.pomProperty("container.service-port"))).isEqualTo(module.port());
        assertThat(Integer.parseInt(module.pomProperty("container.management-port")))
            .isEqualTo(module.managementPort());
        assertThat(module.pomProperty("jib.skip")).isEqualTo("false");
    }

    @Test
    void gatewayRendersTheSharedNginxConfWithExactlyTheGatewayVariables() throws IOException {
        Map<String, Object> gateway = service("gateway");
        String mount = list(gateway, "volumes").stream()
            .filter(volume -> volume.startsWith("./nginx/nginx.conf:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the gateway does not mount ./nginx/nginx.conf"));
        assertThat(mount).endsWith(":ro");
        String template = mount.split(":")[1];

        // What the container runs, after compose's own interpolation: $$ is a literal $,
        // and a
        // single $ would be filled in (or emptied) from the host's environment before
        // nginx starts.
        String raw = String.join(" ", list(gateway, "command"));
        assertThat(raw.replace("$$", "")).as("the gateway command, with $ not escaped as $$ for compose")
            .doesNotContain("$");
        String command = raw.replace("$$", "$");
        String variables = String.join(" ", GATEWAY_VARIABLES.stream().map(name -> "${" + name + "}").toList());
        assertThat(command).contains("envsubst '" + variables + "' < " + template + " > /tmp/nginx.conf")
            .contains("exec nginx -c /tmp/nginx.conf -g 'daemon off;'");
        assertThat(environment("gateway")).containsOnlyKeys(GATEWAY_VARIABLES);
        assertThat(environment("gateway").get("GATEWAY_LISTEN")).isEqualTo("8080");
        assertThat(list(gateway, "ports")).containsExactly("${GATEWAY_PORT:-80}:8080");

        // The template uses these variables and no others, so the render leaves nothing
        // behind.
        Set<String> used = new LinkedHashSet<>();
        for (String line : Files.readAllLines(RepositoryRoot.resolve("nginx/nginx.conf"))) {
            Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}")
                .matcher(line.strip().startsWith("#") ? "" : line);
            while (variable.find()) {
                used.add(variable.group(1));
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(GATEWAY_VARIABLES);
    }

    @Test
    void everyServiceHasAHealthcheckAndWaitsForHealthyDependencies() {
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            assertThat(service).as("%s's definition", name)
                .containsKey("healthcheck")
                .doesNotContainKey("container_name");
            // The form Docker, podman's Docker API and podman-compose all run alike:
            // podman
            // splits a CMD test's arguments on spaces.
            assertThat(healthcheckTest(name)).as("%s's healthcheck test", name)
                .hasSize(2)
                .first()
                .isEqualTo("CMD-SHELL");
            map(service.getOrDefault("depends_on", Map.of())).forEach((dependency, condition) -> {
                assertThat(services).as("%s depends on", name).containsKey(dependency);
                assertThat(map(condition)).as("%s's dependency on %s", name, dependency)
                    .containsEntry("condition", "service_healthy");
            });
        });
        assertThat(map(service("gateway").get("depends_on"))).containsOnlyKeys("user-service", "chat-service");
        assertThat(map(service("user-service").get("depends_on"))).containsOnlyKeys("postgres", "redis");
        assertThat(map(service("chat-service").get("depends_on"))).containsOnlyKeys("localstack");
    }

    @Test
    void thirdPartyImagesArePinnedAndPostgresKeepsItsDataInANamedVolume() {
        services.forEach((name, definition) -> {
            String image = String.valueOf(map(definition).get("image"));
            if (!image.startsWith("practical-system-design/")) {
                assertThat(image).as("%s's image", name).matches("[a-z0-9./-]+:v?\\d+(\\.\\d+)+(-[a-z0-9.]+)?");
            }
        });
        assertThat(service("localstack").get("image"))
            .as("the last LocalStack that starts without LOCALSTACK_AUTH_TOKEN")
            .isEqualTo("localstack/localstack:4.14.0");
        String data = list(service("postgres"), "volumes").stream()
            // PostgreSQL 18's image keeps its data under /var/lib/postgresql/18/docker.
            .filter(volume -> volume.endsWith(":/var/lib/postgresql"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("postgres keeps no data volume"));
        assertThat(volumes).containsKey(data.split(":")[0]);
    }

    /**
     * The laptop and the kind cluster run the same store releases: no surprise between
     * the modes.
     */
    @ParameterizedTest
    @ValueSource(strings = { "postgres", "redis", "localstack" })
    void storesRunTheSameImageAsTheChartsSubchart(String name) throws IOException {
        Map<String, Object> image;
        try (InputStream in = Files
            .newInputStream(RepositoryRoot.resolve("helm/practical-system-design/charts/" + name + "/values.yaml"))) {
            Map<String, Object> values = new Yaml().load(in);
            image = map(values.get("image"));
        }
        assertThat(service(name).get("image")).as("%s's image in docker-compose.yml and in charts/%s", name, name)
            .isEqualTo(image.get("repository") + ":" + image.get("tag"));
    }

    /**
     * One nginx for the gateway in both modes: the chart's unprivileged image, in compose
     * too.
     */
    @Test
    void gatewayRunsTheSameImageAsTheChartsGateway() throws IOException {
        Map<String, Object> image;
        try (InputStream in = Files
            .newInputStream(RepositoryRoot.resolve("helm/practical-system-design/values.yaml"))) {
            Map<String, Object> values = new Yaml().load(in);
            image = map(map(values.get("gateway")).get("image"));
        }
        assertThat(service("gateway").get("image")).as("the gateway's image in docker-compose.yml and in the chart")
            .isEqualTo(image.get("repository") + ":" + image.get("tag"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "user-service", "chat-service" })
    void servicesRunOnAReadOnlyRootFilesystemWithAWritableTmp(String name) {
        assertThat(service(name)).containsEntry("read_only", true);
        assertThat(list(service(name), "tmpfs")).contains("/tmp");
    }

    // --- reading the compose file
    // ---------------------------------------------------------------

    private static Map<String, Object> service(String name) {
        Object service = services.get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return map(service);
    }

    /**
     * A service's environment as a map, whichever of compose's two forms the file uses.
     */
    private static Map<String, String> environment(String name) {
        Object environment = service(name).getOrDefault("environment", Map.of());
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> variables.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        }
        else {
            for (Object entry : (List<?>) environment) {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return variables;
    }

    private static List<String> healthcheckTest(String name) {
        Object test = map(service(name).get("healthcheck")).get("test");
        return test instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of("CMD-SHELL", String.valueOf(test));
    }

    private static String healthcheck(String name) {
        return String.join(" ", healthcheckTest(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> list(Map<String, Object> service, String key) {
        Object value = service.getOrDefault(key, List.of());
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try {
            return factory.newDocumentBuilder().parse(file.toFile());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
