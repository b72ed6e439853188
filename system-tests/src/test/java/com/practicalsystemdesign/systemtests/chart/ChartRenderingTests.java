package com.practicalsystemdesign.systemtests.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;
import com.practicalsystemdesign.systemtests.chart.KubernetesObjects.PodOf;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.ofKind;
import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.pods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm template} of every scenario, read strictly into the Kubernetes model and
 * checked for what the chart promises: hardened pods with probes and resources, selectors
 * without versions, one Ingress backend, NetworkPolicies that allow exactly the designed
 * paths.
 */
class ChartRenderingTests {

    /**
     * The chart's one exception to non-root and read-only root: the LocalStack image
     * supports neither.
     */
    private static final Set<String> RUNS_AS_IMAGE_ROOT = Set.of("Deployment/localstack");

    private static final String TEST_POD = "Pod/" + Chart.RELEASE + "-gateway-test";

    private static final Set<String> SELECTOR_KEYS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance");

    static List<Scenario> scenarios() {
        return Chart.scenarios();
    }

    private static List<HasMetadata> render(Scenario scenario) {
        return KubernetesObjects.parse(Chart.templateWithTestHooks(scenario));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRenderedObjectMatchesTheKubernetesSchema(Scenario scenario) {
        List<HasMetadata> installed = KubernetesObjects.parse(Chart.template(scenario));
        List<HasMetadata> withTests = render(scenario);

        assertThat(installed).isNotEmpty();
        assertThat(ofKind(installed, Pod.class)).as("the test pod is a `helm test` hook, not part of the release")
            .isEmpty();
        assertThat(ofKind(withTests, Pod.class).map(pod -> "Pod/" + pod.getMetadata().getName()))
            .containsExactly(TEST_POD);
        assertThat(installed).allSatisfy(object -> {
            assertThat(object.getMetadata().getNamespace()).as("namespace comes from helm -n").isNull();
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                .containsEntry("app.kubernetes.io/part-of", "practical-system-design")
                .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                .containsKey("app.kubernetes.io/name");
        });
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyContainerHasProbesResourcesAndAHardenedSecurityContext(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        SoftAssertions softly = new SoftAssertions();
        for (PodOf pod : pods(objects)) {
            PodSecurityContext podSecurity = pod.spec().getSecurityContext();
            softly.assertThat(pod.spec().getAutomountServiceAccountToken()).as(pod.owner() + " API token").isFalse();
            softly.assertThat(pod.spec().getEnableServiceLinks()).as(pod.owner() + " service links").isFalse();
            softly.assertThat(podSecurity).as(pod.owner() + " pod securityContext").isNotNull();
            if (podSecurity == null) {
                continue;
            }
            softly.assertThat(podSecurity.getSeccompProfile().getType())
                .as(pod.owner() + " seccomp")
                .isEqualTo("RuntimeDefault");
            boolean imageRoot = RUNS_AS_IMAGE_ROOT.contains(pod.owner());
            if (!imageRoot) {
                softly.assertThat(podSecurity.getRunAsNonRoot()).as(pod.owner() + " runAsNonRoot").isTrue();
                softly.assertThat(podSecurity.getRunAsUser())
                    .as(pod.owner() + " numeric non-root uid")
                    .isNotNull()
                    .isPositive();
                softly.assertThat(podSecurity.getFsGroup()).as(pod.owner() + " fsGroup").isNotNull();
            }
            if (!pod.owner().equals(TEST_POD)) {
                String account = pod.spec().getServiceAccountName();
                softly
                    .assertThat(ofKind(objects, ServiceAccount.class)
                        .filter(sa -> sa.getMetadata().getName().equals(account))
                        .filter(sa -> Boolean.FALSE.equals(sa.getAutomountServiceAccountToken())))
                    .as(pod.owner() + " runs as its own ServiceAccount without a token")
                    .hasSize(1);
            }
            for (Container container : pod.allContainers()) {
                String name = pod.owner() + " container " + container.getName();
                boolean init = pod.spec().getInitContainers().contains(container);
                checkContainer(softly, pod, container, name, imageRoot);
                if (!init && !pod.owner().equals(TEST_POD)) {
                    softly.assertThat(container.getLivenessProbe()).as(name + " livenessProbe").isNotNull();
                    softly.assertThat(container.getReadinessProbe()).as(name + " readinessProbe").isNotNull();
                }
            }
        }
        softly.assertAll();
    }

    private static void checkContainer(SoftAssertions softly, PodOf pod, Container container, String name,
            boolean imageRoot) {
        softly.assertThat(container.getImage())
            .as(name + " image is pinned")
            .matches("[^:@]+(:[^:]+|@sha256:.+)")
            .doesNotEndWith(":latest");
        softly.assertThat(container.getImagePullPolicy()).as(name + " pull policy").isEqualTo("IfNotPresent");
        softly.assertThat(container.getResources()).as(name + " resources").isNotNull();
        if (container.getResources() != null) {
            softly.assertThat(container.getResources().getRequests())
                .as(name + " requests")
                .containsKeys("cpu", "memory");
            softly.assertThat(container.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
        }
        SecurityContext security = container.getSecurityContext();
        softly.assertThat(security).as(name + " securityContext").isNotNull();
        if (security == null) {
            return;
        }
        softly.assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
        softly.assertThat(security.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
        softly.assertThat(security.getCapabilities().getDrop()).as(name + " drops capabilities").containsExactly("ALL");
        softly.assertThat(security.getCapabilities().getAdd()).as(name + " adds no capability").isEmpty();
        softly.assertThat(security.getRunAsUser()).as(name + " uid is not overridden").isNull();
        if (imageRoot) {
            return;
        }
        softly.assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
        softly.assertThat(container.getVolumeMounts()).as(name + " has a writable /tmp").anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            Volume volume = pod.spec()
                .getVolumes()
                .stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
            assertThat(volume.getEmptyDir()).isNotNull();
        });
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void servicesStartSlowlyStopGracefullyAndAnswerProbesOnTheManagementPort(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        for (String service : List.of("user-service", "chat-service")) {
            Deployment deployment = named(objects, Deployment.class, service);
            var spec = deployment.getSpec().getTemplate().getSpec();
            Container container = spec.getContainers().get(0);
            int management = "user-service".equals(service) ? 9001 : 9002;

            assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http", "user-service".equals(service) ? 8001 : 8002),
                        org.assertj.core.groups.Tuple.tuple("management", management));
            assertThat(probePath(container.getStartupProbe())).isEqualTo("management /actuator/health/liveness");
            assertThat(probePath(container.getLivenessProbe())).isEqualTo("management /actuator/health/liveness");
            assertThat(probePath(container.getReadinessProbe())).isEqualTo("management /actuator/health/readiness");
            assertThat(
                    container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds())
                .as("seconds a cold JVM may take to start")
                .isGreaterThanOrEqualTo(120);
            assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5);
            assertThat(spec.getTerminationGracePeriodSeconds()).as("20 s drain + 5 s pause fit").isEqualTo(30);
            assertThat(container.getResources().getLimits().get("memory")).hasToString("512Mi");
            assertThat(container.getImage()).isEqualTo("practical-system-design/" + service + ":0.1.0-SNAPSHOT");
            if (scenario.name().equals("default")) {
                assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/port", String.valueOf(management))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            }
        }
    }

    private static String probePath(Probe probe) {
        return probe.getHttpGet().getPort().getStrVal() + " " + probe.getHttpGet().getPath();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void selectorsNameTheComponentAndReleaseButNeverAVersion(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        List<PodOf> pods = pods(objects);
        for (Deployment deployment : ofKind(objects, Deployment.class).toList()) {
            assertSelector(deployment.getMetadata().getName(), deployment.getSpec().getSelector(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (StatefulSet set : ofKind(objects, StatefulSet.class).toList()) {
            assertSelector(set.getMetadata().getName(), set.getSpec().getSelector(),
                    set.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (PodDisruptionBudget budget : ofKind(objects, PodDisruptionBudget.class).toList()) {
            Deployment target = named(objects, Deployment.class, budget.getMetadata().getName());
            assertSelector(budget.getMetadata().getName(), budget.getSpec().getSelector(),
                    target.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (Service service : ofKind(objects, Service.class).toList()) {
            Map<String, String> selector = service.getSpec().getSelector();
            String name = service.getMetadata().getName();
            assertThat(selector).as("Service " + name)
                .containsOnlyKeys(SELECTOR_KEYS)
                .containsEntry("app.kubernetes.io/name", name);
            List<PodOf> selected = pods.stream()
                .filter(pod -> pod.labels().entrySet().containsAll(selector.entrySet()))
                .toList();
            assertThat(selected).as("Service " + name + " selects one workload").hasSize(1);
            service.getSpec()
                .getPorts()
                .forEach(port -> assertThat(selected.get(0).spec().getContainers()).flatExtracting(Container::getPorts)
                    .extracting(ContainerPort::getName)
                    .as("Service " + name + " targets a named container port")
                    .contains(port.getTargetPort().getStrVal()));
        }
        for (HorizontalPodAutoscaler autoscaler : ofKind(objects, HorizontalPodAutoscaler.class).toList()) {
            Deployment target = named(objects, Deployment.class, autoscaler.getSpec().getScaleTargetRef().getName());
            assertThat(target.getSpec().getReplicas())
                .as("replicas left to the HPA of " + target.getMetadata().getName())
                .isNull();
        }
        for (NetworkPolicy policy : ofKind(objects, NetworkPolicy.class).toList()) {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsOnlyKeys(SELECTOR_KEYS);
        }
    }

    private static void assertSelector(String owner, LabelSelector selector, Map<String, String> podLabels) {
        assertThat(selector.getMatchExpressions()).as(owner + " selector").isEmpty();
        assertThat(selector.getMatchLabels()).as(owner + " selector")
            .containsOnlyKeys(SELECTOR_KEYS)
            .containsEntry("app.kubernetes.io/name", owner)
            .containsEntry("app.kubernetes.io/instance", Chart.RELEASE);
        assertThat(podLabels).as(owner + " pod labels").containsAllEntriesOf(selector.getMatchLabels());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void componentsKeepTheirNamesAndPortsEverywhere(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        assertThat(servicePort(objects, "gateway")).isEqualTo("80->http");
        assertThat(servicePort(objects, "user-service")).isEqualTo("8001->http");
        assertThat(servicePort(objects, "chat-service")).isEqualTo("8002->http");
        assertThat(ofKind(objects, Deployment.class).map(d -> d.getMetadata().getName())).contains("gateway",
                "user-service", "chat-service");
        assertThat(ofKind(objects, PodDisruptionBudget.class).map(b -> b.getMetadata().getName()))
            .containsExactlyInAnyOrder("gateway", "user-service", "chat-service");
        boolean hpa = scenario.name().startsWith("hpa");
        assertThat(ofKind(objects, HorizontalPodAutoscaler.class)).hasSize(hpa ? 3 : 0);
    }

    private static String servicePort(List<HasMetadata> objects, String name) {
        var port = named(objects, Service.class, name).getSpec().getPorts().get(0);
        return port.getPort() + "->" + port.getTargetPort().getStrVal();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theIngressAndTheHttpRouteHaveOneBackendTheGatewayService(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        Service gateway = named(objects, Service.class, "gateway");
        List<Ingress> ingresses = ofKind(objects, Ingress.class).toList();
        assertThat(ingresses.size() + ofKind(objects, HTTPRoute.class).count()).as("a way in").isPositive();
        for (Ingress ingress : ingresses) {
            assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
            assertThat(ingress.getSpec().getDefaultBackend()).isNull();
            assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getHost()).isEqualTo(scenario.name().startsWith("hpa") ? null : "localhost");
                HTTPIngressPath path = rule.getHttp().getPaths().get(0);
                assertThat(rule.getHttp().getPaths()).hasSize(1);
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                IngressBackend backend = path.getBackend();
                assertThat(backend.getService().getName()).isEqualTo("gateway");
                assertThat(gateway.getSpec().getPorts()).extracting(p -> p.getName())
                    .contains(backend.getService().getPort().getName());
            });
        }
        ofKind(objects, HTTPRoute.class).forEach(route -> {
            assertThat(route.getSpec().getParentRefs()).isNotEmpty();
            assertThat(route.getSpec().getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getBackendRefs()).extracting(HTTPBackendRef::getName, HTTPBackendRef::getPort)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gateway",
                            gateway.getSpec().getPorts().get(0).getPort()));
            });
        });
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void networkPoliciesAllowExactlyTheDesignedPaths(Scenario scenario) {
        List<HasMetadata> objects = render(scenario);
        List<NetworkPolicy> policies = ofKind(objects, NetworkPolicy.class).toList();
        Set<String> workloads = new TreeSet<>();
        pods(objects).stream()
            .filter(pod -> !pod.owner().equals(TEST_POD))
            .forEach(pod -> workloads.add(pod.labels().get("app.kubernetes.io/name")));

        assertThat(policies).extracting(p -> p.getMetadata().getName())
            .as("one policy per workload")
            .containsExactlyInAnyOrderElementsOf(workloads);
        assertThat(policies).allSatisfy(
                policy -> assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress"));

        Set<String> paths = new TreeSet<>();
        for (NetworkPolicy policy : policies) {
            String self = policy.getMetadata().getName();
            policy.getSpec().getIngress().forEach(rule -> {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    paths.add(describe(peer) + " -> " + self + ":" + ports(rule.getPorts()));
                }
            });
            policy.getSpec().getEgress().forEach(rule -> {
                if (rule.getTo().isEmpty()) {
                    paths.add(self + " -> anywhere:" + ports(rule.getPorts()));
                }
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    paths.add(self + " -> " + describe(peer) + ":" + ports(rule.getPorts()));
                }
            });
        }

        Set<String> expected = new TreeSet<>();
        expected.add("pods helm-test -> gateway:8080");
        expected.add("gateway -> pods user-service:8001");
        expected.add("gateway -> pods chat-service:8002");
        expected.add("pods gateway -> user-service:8001");
        expected.add("pods gateway -> chat-service:8002");
        String gatewayFrom = scenario.name().startsWith("gateway-api") ? "nginx-gateway" : "nginx-ingress";
        expected.add("namespace " + gatewayFrom + " -> gateway:8080");
        if (scenario.name().startsWith("gateway-api") || scenario.name().startsWith("observability")) {
            expected.add("namespace monitoring -> user-service:9001");
            expected.add("namespace monitoring -> chat-service:9002");
        }
        if (scenario.name().startsWith("observability")) {
            expected.add("user-service -> anywhere:4318");
            expected.add("chat-service -> anywhere:4318");
        }
        if (workloads.contains("load-generator")) {
            expected.add("pods load-generator -> gateway:8080");
            expected.add("load-generator -> pods gateway:8080");
        }
        for (String workload : workloads) {
            expected.add(workload + " -> anywhere:53/UDP,53/TCP");
        }
        if (scenario.enabled("postgres")) {
            expected.add("user-service -> pods postgres:5432");
            expected.add("pods user-service -> postgres:5432");
        }
        else {
            expected.add("user-service -> anywhere:5432");
        }
        if (scenario.enabled("redis")) {
            expected.add("user-service -> pods redis:6379");
            expected.add("pods user-service -> redis:6379");
        }
        else {
            expected.add("user-service -> anywhere:6380");
        }
        if (scenario.enabled("localstack")) {
            expected.add("chat-service -> pods localstack:4566");
            expected.add("pods chat-service -> localstack:4566");
        }
        else {
            expected.add("chat-service -> anywhere:443");
        }
        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
            Map<String, String> labels = peer.getPodSelector().getMatchLabels();
            assertThat(labels).containsEntry("app.kubernetes.io/instance", Chart.RELEASE);
            return "pods " + labels.get("app.kubernetes.io/name");
        }
        if (peer.getNamespaceSelector() != null && peer.getPodSelector() == null) {
            return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        }
        return peer.toString();
    }

    private static String ports(List<NetworkPolicyPort> ports) {
        List<String> described = new ArrayList<>();
        for (NetworkPolicyPort port : ports) {
            String protocol = port.getProtocol();
            described
                .add(port.getPort().getIntVal() + ("UDP".equals(protocol) || ports.size() > 1 ? "/" + protocol : ""));
        }
        return String.join(",", described);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theReleaseNotesPrintWorkingCurlAndPortForwardCommands(Scenario scenario) {
        String notes = Chart.dryRunInstall(scenario);
        String namespace = "kubectl -n " + Chart.NAMESPACE + " ";

        assertThat(notes).contains(namespace + "port-forward svc/gateway 8080:80",
                "curl http://localhost:8080/api/users", namespace + "port-forward svc/user-service 8001:8001",
                "helm test " + Chart.RELEASE + " -n " + Chart.NAMESPACE);
        if (scenario.name().equals("default")) {
            assertThat(notes).contains("curl http://localhost/api/users",
                    "curl -X POST http://localhost/api/users -H 'Content-Type: application/json'");
        }
    }

}
