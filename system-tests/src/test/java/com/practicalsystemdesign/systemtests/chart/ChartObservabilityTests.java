package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, the dashboard and traces in the cluster: all off by default, and when switched
 * on, a ServiceMonitor per service on its management port, the one dashboard file as a
 * sidecar ConfigMap, and trace export with a way out to its endpoint.
 */
class ChartObservabilityTests {

    private static final Scenario DEFAULTS = new Scenario("default", null);

    private static final Scenario OBSERVABILITY = new Scenario("observability-values.yaml",
            Chart.DIR.resolve("ci/observability-values.yaml"));

    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("user-service", 9001, "chat-service", 9002);

    @Test
    void byDefaultThereIsNoServiceMonitorNoDashboardAndServicesOfferOnlyTheirApi() {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(DEFAULTS));

        assertThat(ofKind(objects, GenericKubernetesResource.class)).isEmpty();
        assertThat(ofKind(objects, ConfigMap.class)).extracting(map -> map.getMetadata().getName())
            .containsExactly("gateway", "gateway-console");
        MANAGEMENT_PORTS.keySet()
            .forEach(service -> assertThat(named(objects, Service.class, service).getSpec().getPorts())
                .extracting(ServicePort::getName)
                .containsExactly("http"));
    }

    @Test
    void aServiceMonitorPerServiceScrapesActuatorOnTheNamedManagementPort() {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(OBSERVABILITY));

        assertThat(ofKind(objects, GenericKubernetesResource.class)).hasSize(2);
        MANAGEMENT_PORTS.forEach((service, port) -> {
            GenericKubernetesResource monitor = named(objects, GenericKubernetesResource.class, service);
            assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack")
                .containsEntry("app.kubernetes.io/name", service);
            Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
            assertThat(spec).containsOnlyKeys("selector", "endpoints");
            assertThat(map(spec.get("selector"))).containsOnlyKeys("matchLabels");
            assertThat(map(map(spec.get("selector")).get("matchLabels")))
                .isEqualTo(named(objects, Service.class, service).getSpec().getSelector());
            assertThat((List<?>) spec.get("endpoints")).singleElement()
                .isEqualTo(Map.of("port", "management", "path", "/actuator/prometheus", "interval", "15s"));
            assertThat(named(objects, Service.class, service).getSpec().getPorts())
                .filteredOn(servicePort -> "management".equals(servicePort.getName()))
                .singleElement()
                .satisfies(servicePort -> {
                    assertThat(servicePort.getPort()).isEqualTo(port);
                    assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("management");
                });
        });
    }

    @Test
    void theDashboardConfigMapIsTheChartsDashboardFileForGrafanasSidecar() throws IOException {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(OBSERVABILITY));

        ConfigMap dashboard = named(objects, ConfigMap.class, "practical-system-design-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).containsOnlyKeys("practical-system-design.json");
        assertThat(dashboard.getData().get("practical-system-design.json"))
            .isEqualTo(Files.readString(Chart.DIR.resolve("files/grafana-dashboard.json")));
    }

    @ParameterizedTest
    @CsvSource({ "http://otel-collector.monitoring:4318/v1/traces, 4318",
            "https://collector.example.com/v1/traces, 443", "http://jaeger-collector/v1/traces, 80" })
    void tracingOpensTheWayToTheEndpointsPort(String endpoint, int port) {
        List<HasMetadata> objects = KubernetesObjects
            .parse(Chart.template(DEFAULTS, "tracing.enabled=true", "tracing.otlpEndpoint=" + endpoint));

        for (String service : MANAGEMENT_PORTS.keySet()) {
            List<NetworkPolicyEgressRule> anywhere = named(objects, NetworkPolicy.class, service).getSpec()
                .getEgress()
                .stream()
                .filter(rule -> rule.getTo().isEmpty())
                .toList();
            assertThat(anywhere).flatExtracting(NetworkPolicyEgressRule::getPorts)
                .anySatisfy(open -> assertThat(open.getPort().getIntVal()).isEqualTo(port));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

}
