package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in the cluster runs nginx/nginx.conf itself: the chart's copy is
 * byte-identical, and the ConfigMap is that file rendered the way docker compose renders
 * it, with the cluster's addresses. It serves the console (nginx/console) from a
 * ConfigMap of the chart's byte-identical copy.
 */
class ChartGatewayConfigTests {

    private static final Path NGINX_CONF = RepositoryRoot.resolve("nginx/nginx.conf");

    private static final Path CHART_COPY = Chart.DIR.resolve("files/nginx.conf");

    private static final Path CONSOLE = RepositoryRoot.resolve("nginx/console");

    private static final Path CONSOLE_CHART_COPY = Chart.DIR.resolve("files/console");

    /**
     * The three variables, and their values in the cluster (the same as in docker
     * compose).
     */
    private static final Map<String, String> CLUSTER = Map.of("GATEWAY_LISTEN", "8080", "USER_SERVICE_ADDR",
            "user-service:8001", "CHAT_SERVICE_ADDR", "chat-service:8002");

    private static final Pattern VARIABLE = Pattern
        .compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

    static List<Scenario> scenarios() {
        return Chart.scenarios();
    }

    @Test
    void theChartCarriesAByteIdenticalCopyOfNginxConf() throws IOException {
        assertThat(Files.mismatch(NGINX_CONF, CHART_COPY))
            .as("helm/practical-system-design/files/nginx.conf differs from nginx/nginx.conf: "
                    + "cp nginx/nginx.conf helm/practical-system-design/files/nginx.conf")
            .isEqualTo(-1L);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theConfigMapIsNginxConfRenderedForTheCluster(Scenario scenario) throws IOException {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(scenario));
        String rendered = named(objects, ConfigMap.class, "gateway").getData().get("nginx.conf");

        assertThat(rendered).isEqualTo(envsubst(Files.readString(NGINX_CONF), CLUSTER));
        assertThat(rendered).doesNotContain("${")
            .contains("listen 8080;", "server user-service:8001 ", "server chat-service:8002 ");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theGatewayRunsTheConfigMapAndRollsWhenItChanges(Scenario scenario) {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(scenario));
        String rendered = named(objects, ConfigMap.class, "gateway").getData().get("nginx.conf");
        Deployment gateway = named(objects, Deployment.class, "gateway");
        PodSpec spec = gateway.getSpec().getTemplate().getSpec();
        Container nginx = spec.getContainers().get(0);

        assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("checksum/nginx-conf",
                sha256(rendered));
        assertThat(nginx.getImage()).startsWith("nginxinc/nginx-unprivileged:");
        assertThat(nginx.getCommand()).containsExactly("nginx");
        assertThat(nginx.getArgs()).containsExactly("-c", "/etc/nginx/gateway/nginx.conf", "-g",
                "daemon off; pid /tmp/nginx.pid;");
        assertThat(nginx.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/etc/nginx/gateway");
            assertThat(spec.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(mount.getName());
                assertThat(volume.getConfigMap().getName()).isEqualTo("gateway");
            });
        });
        assertThat(nginx.getPorts()).singleElement()
            .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        assertThat(nginx.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(nginx.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    }

    @Test
    void theChartCarriesAByteIdenticalCopyOfTheConsole() throws IOException {
        assertThat(fileNames(CONSOLE_CHART_COPY)).as("helm/practical-system-design/files/console/")
            .isEqualTo(fileNames(CONSOLE));
        for (String name : fileNames(CONSOLE)) {
            assertThat(Files.mismatch(CONSOLE.resolve(name), CONSOLE_CHART_COPY.resolve(name)))
                .as("helm/practical-system-design/files/console/%s differs from nginx/console/%s: "
                        + "cp nginx/console/* helm/practical-system-design/files/console/", name, name)
                .isEqualTo(-1L);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theGatewayServesTheConsoleFromAConfigMapWhereNginxConfLooks(Scenario scenario) throws IOException {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(scenario));
        ConfigMap console = named(objects, ConfigMap.class, "gateway-console");
        Deployment gateway = named(objects, Deployment.class, "gateway");
        PodSpec spec = gateway.getSpec().getTemplate().getSpec();
        Container nginx = spec.getContainers().get(0);

        for (String name : fileNames(CONSOLE)) {
            assertThat(console.getData()).as(name).containsEntry(name, Files.readString(CONSOLE.resolve(name)));
        }
        assertThat(console.getData()).hasSameSizeAs(fileNames(CONSOLE));
        // nginx's prefix in the image is /etc/nginx: nginx.conf's relative alias console/
        // is this mount.
        assertThat(Files.readString(NGINX_CONF)).contains("alias console/;");
        assertThat(nginx.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/etc/nginx/console");
            assertThat(spec.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(mount.getName());
                assertThat(volume.getConfigMap().getName()).isEqualTo("gateway-console");
            });
        });
        assertThat(gateway.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/console");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * GNU envsubst with an explicit variable list: $NAME and ${NAME} of listed names
     * only.
     */
    static String envsubst(String template, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = variables.getOrDefault(name, matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
