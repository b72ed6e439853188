package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no test here can run (Docker, kind, a cluster) is at least consistent: the kind
 * cluster publishes the ports the ingress controller listens on, the controller serves
 * the class and runs in the namespace the chart expects, and the bring-up scripts parse
 * and use the chart's names.
 */
class ChartKindBringUpTests {

    private static final Path KIND_CLUSTER = RepositoryRoot.resolve("k8s/kind-cluster.yaml");

    private static final Path INGRESS_VALUES = RepositoryRoot.resolve("k8s/nginx-ingress-values.yaml");

    private static final Path KIND_UP = RepositoryRoot.resolve("scripts/kind-up.sh");

    @Test
    @SuppressWarnings("unchecked")
    void theKindNodePublishesPorts80And443WhereTheIngressControllerListens() {
        Map<String, Object> cluster = Chart.readYaml(KIND_CLUSTER);
        Map<String, Object> controller = (Map<String, Object>) Chart.readYaml(INGRESS_VALUES).get("controller");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) cluster.get("nodes");

        assertThat(cluster).containsEntry("kind", "Cluster").containsEntry("apiVersion", "kind.x-k8s.io/v1alpha4");
        Map<String, Object> node = nodes.get(0);
        assertThat(node).containsEntry("role", "control-plane");
        assertThat((List<Map<String, Object>>) node.get("extraPortMappings"))
            .extracting(mapping -> mapping.get("containerPort") + "->" + mapping.get("hostPort"))
            .containsExactly("80->80", "443->443");
        assertThat((Map<String, Object>) node.get("labels")).isEqualTo(controller.get("nodeSelector"));
        assertThat((Map<String, Object>) controller.get("hostPort")).containsEntry("enable", true)
            .containsEntry("http", 80)
            .containsEntry("https", 443);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theControllerServesTheChartsIngressClassFromTheNamespaceItsNetworkPolicyAdmits() throws IOException {
        Map<String, Object> controller = (Map<String, Object>) Chart.readYaml(INGRESS_VALUES).get("controller");
        Map<String, Object> values = Chart.readYaml(Chart.DIR.resolve("values.yaml"));
        Map<String, Object> ingress = (Map<String, Object>) values.get("ingress");
        Map<String, Object> networkPolicy = (Map<String, Object>) values.get("networkPolicy");
        String script = Files.readString(KIND_UP);

        assertThat((Map<String, Object>) controller.get("ingressClass")).containsEntry("name",
                ingress.get("className"));
        assertThat(script).contains("INGRESS_NAMESPACE=nginx-ingress", "oci://ghcr.io/nginx/charts/nginx-ingress",
                "k8s/nginx-ingress-values.yaml", "k8s/kind-cluster.yaml");
        assertThat(networkPolicy.get("gatewayFrom")).isEqualTo(List.of(Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "nginx-ingress")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kindUpLoadsTheImagesTheChartRunsAndTestsTheRelease() throws IOException {
        String script = Files.readString(KIND_UP);
        Map<String, Object> values = Chart.readYaml(Chart.DIR.resolve("values.yaml"));

        for (String service : List.of("userService", "chatService")) {
            Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) values.get(service)).get("image");
            assertThat(image).containsEntry("pullPolicy", "IfNotPresent");
            assertThat(script).contains("practical-system-design/$service:$VERSION");
            assertThat((String) image.get("repository")).matches("practical-system-design/(user|chat)-service");
        }
        assertThat(script).contains("set -euo pipefail", "kind load docker-image", "upgrade --install \"$RELEASE\"",
                "--wait --timeout 10m", "test \"$RELEASE\"", "curl http://localhost/api/users",
                "port-forward svc/gateway 8080:80", "help:evaluate -Dexpression=project.version -q -DforceStdout");
        for (String tool : List.of("docker", "kind", "kubectl", "helm")) {
            assertThat(script).as("a clear line when " + tool + " is missing").containsPattern("need " + tool + " \"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "scripts/kind-up.sh", "scripts/kind-down.sh" })
    void theScriptsAreValidBashAndExecutable(String script) throws Exception {
        Path file = RepositoryRoot.resolve(script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());

        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(Files.isExecutable(file)).isTrue();
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("#!/usr/bin/env bash");
    }

}
