package com.practicalsystemdesign.systemtests.chart;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict reader the chart tests rely on: it must reject what the API server would
 * drop or refuse.
 */
class ChartStrictReaderTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: demo
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: demo
                spec:
                  containers:
                    - name: demo
                      image: demo:1.0.0
                      %s
            """;

    @Test
    void readsEveryDocumentIntoItsKind() {
        List<HasMetadata> objects = KubernetesObjects
            .parse("---\n# only a comment\n---\n" + DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"));

        assertThat(objects).singleElement().isInstanceOf(Deployment.class);
        assertThat(((Deployment) objects.get(0)).getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void rejectsAMisspelledField() {
        assertThatThrownBy(() -> KubernetesObjects.parse(DEPLOYMENT.formatted("imagePullPolcy: IfNotPresent")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Deployment demo")
            .hasMessageContaining("imagePullPolcy");
    }

    @Test
    void rejectsAFieldOfTheWrongShape() {
        assertThatThrownBy(() -> KubernetesObjects.parse(DEPLOYMENT.formatted("ports: 8080")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Deployment demo");
    }

    @Test
    void rejectsADuplicatedKey() {
        assertThatThrownBy(() -> KubernetesObjects
            .parse(DEPLOYMENT.formatted("imagePullPolicy: Always\n          imagePullPolicy: Never")))
            .hasMessageContaining("imagePullPolicy");
    }

    @Test
    void rejectsAKindTheChartIsNotKnownToRender() {
        assertThatThrownBy(() -> KubernetesObjects.parse("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: x\n"))
            .hasMessageContaining("batch/v1/CronJob");
    }

}
