package com.practicalsystemdesign.systemtests.chart;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart states the Kubernetes it needs: Helm refuses an older cluster with its own
 * one-line message, and the kind cluster that scripts/kind-up.sh creates runs a release
 * the chart accepts.
 */
class ChartKubernetesVersionTests {

    private static final Pattern KIND_NODE_IMAGE = Pattern
        .compile("kindest/node:v(\\d+\\.\\d+\\.\\d+)@sha256:[0-9a-f]{64}");

    @Test
    void chartDeclaresTheOldestKubernetesOnWhichEverythingItUsesIsGa() {
        assertThat(Chart.readYaml(Chart.DIR.resolve("Chart.yaml"))).containsEntry("kubeVersion", ">=1.34.0-0");
    }

    @Test
    void helmRefusesToRenderForKubernetes129() {
        assertThatThrownBy(() -> render("1.29.0")).hasMessageContaining(
                "chart requires kubeVersion: >=1.34.0-0 which is incompatible with Kubernetes v1.29.0");
    }

    @Test
    void theKindNodeImageIsPinnedByDigestToAVersionTheChartRenders() {
        String version = kindNodeVersion();

        assertThat(render(version)).contains("kind: Deployment", "kind: StatefulSet", "kind: PodDisruptionBudget");
    }

    private static String render(String kubeVersion) {
        return new Helm(Chart.DIR).template()
            .withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE)
            .withKubeVersion(kubeVersion)
            .call();
    }

    @SuppressWarnings("unchecked")
    private static String kindNodeVersion() {
        Map<String, Object> cluster = Chart.readYaml(RepositoryRoot.resolve("k8s/kind-cluster.yaml"));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) cluster.get("nodes");
        assertThat(nodes).allSatisfy(node -> assertThat(node.get("image")).asString().matches(KIND_NODE_IMAGE));
        Matcher image = KIND_NODE_IMAGE.matcher(String.valueOf(nodes.get(0).get("image")));
        assertThat(image.matches()).isTrue();
        return image.group(1);
    }

}
