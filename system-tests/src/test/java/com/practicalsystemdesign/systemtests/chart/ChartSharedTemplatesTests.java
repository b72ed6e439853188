package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;
import com.practicalsystemdesign.systemtests.chart.KubernetesObjects.PodOf;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.pods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is written once renders the same everywhere: both services are one Spring service
 * skeleton (they differ only in ports, variables, init containers and the annotation that
 * rolls them), and every pod of the chart and its store subcharts gets the hardened
 * blocks of the one library chart.
 */
class ChartSharedTemplatesTests {

    static final String LIBRARY = "psd-lib";

    private static final List<String> STORES = List.of("postgres", "redis", "localstack");

    /**
     * Fields of the hardened blocks: in templates, only the library may spell them out.
     */
    private static final List<String> HARDENED_FIELDS = List.of("runAsNonRoot", "allowPrivilegeEscalation",
            "readOnlyRootFilesystem", "seccompProfile", "automountServiceAccountToken", "enableServiceLinks");

    private static final Path WORK = Path.of("target", "chart-tests", "standalone").toAbsolutePath();

    static List<Scenario> scenarios() {
        return Chart.scenarios();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void bothServicesAreTheOneSkeletonWithTheirOwnPortsVariablesAndInitContainers(Scenario scenario) {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(scenario));
        DeploymentSpec user = skeleton(named(objects, Deployment.class, "user-service"));
        DeploymentSpec chat = skeleton(named(objects, Deployment.class, "chat-service"));

        assertThat(user)
            .as("user-service's Deployment with name, image, ports, variables and init containers "
                    + "taken out, against chat-service's")
            .isEqualTo(chat);
    }

    /**
     * A service's Deployment spec without what is its own; what is left is the
     * skeleton's.
     */
    private static DeploymentSpec skeleton(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec();
        String name = deployment.getMetadata().getName();
        spec.getSelector().getMatchLabels().remove("app.kubernetes.io/name");
        spec.getTemplate().getMetadata().getLabels().remove("app.kubernetes.io/name");
        spec.getTemplate().getMetadata().setAnnotations(Map.of());
        PodSpec pod = spec.getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(name);
        pod.setServiceAccountName(null);
        pod.setInitContainers(List.of());
        Container container = pod.getContainers().get(0);
        assertThat(container.getName()).isEqualTo(name);
        container.setName(null);
        container.setImage(null);
        container.setEnv(List.of());
        assertThat(container.getPorts()).extracting(port -> port.getName()).containsExactly("http", "management");
        container.getPorts().forEach(port -> port.setContainerPort(null));
        return spec;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyPodGetsTheSameHardenedBlocksFromTheLibrary(Scenario scenario) {
        List<PodOf> pods = pods(KubernetesObjects.parse(Chart.templateWithTestHooks(scenario)));
        SecurityContext hardened = new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .build();
        List<String> owners = new ArrayList<>();
        for (PodOf pod : pods) {
            owners.add(pod.owner());
            boolean localstack = pod.owner().equals("Deployment/localstack");
            PodSecurityContext podSecurity = pod.spec().getSecurityContext();
            PodSecurityContext expectedPod = localstack
                    ? new PodSecurityContextBuilder().withNewSeccompProfile()
                        .withType("RuntimeDefault")
                        .endSeccompProfile()
                        .build()
                    : new PodSecurityContextBuilder().withRunAsNonRoot(true)
                        .withRunAsUser(podSecurity.getRunAsUser())
                        .withRunAsGroup(podSecurity.getRunAsGroup())
                        .withFsGroup(podSecurity.getRunAsGroup())
                        .withNewSeccompProfile()
                        .withType("RuntimeDefault")
                        .endSeccompProfile()
                        .build();
            assertThat(podSecurity).as(pod.owner() + " pod securityContext").isEqualTo(expectedPod);
            SecurityContext expected = localstack
                    ? new SecurityContextBuilder(hardened).withReadOnlyRootFilesystem(false).build() : hardened;
            for (Container container : pod.allContainers()) {
                assertThat(container.getSecurityContext()).as(pod.owner() + " container " + container.getName())
                    .isEqualTo(expected);
            }
        }
        assertThat(owners).as("the pods of the chart and of every store subchart it installs")
            .contains("Deployment/gateway", "Deployment/user-service", "Deployment/chat-service");
        STORES.stream()
            .filter(scenario::enabled)
            .forEach(store -> assertThat(owners).anyMatch(owner -> owner.endsWith("/" + store)));
    }

    @Test
    void onlyTheLibraryChartSpellsOutTheHardenedFields() throws IOException {
        List<String> restated = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Chart.DIR)) {
            for (Path file : files.filter(f -> f.toString().contains("/templates/") && Files.isRegularFile(f))
                .toList()) {
                if (file.startsWith(Chart.DIR.resolve("charts/" + LIBRARY))) {
                    continue;
                }
                String text = Files.readString(file);
                HARDENED_FIELDS.stream()
                    .filter(field -> text.contains(field + ":"))
                    .forEach(field -> restated.add(Chart.DIR.relativize(file) + ": " + field));
            }
        }
        assertThat(restated).as("hardened fields written outside charts/" + LIBRARY).isEmpty();
    }

    @Test
    void theLibraryIsADependencyOfTheChartAndOfEveryStoreSubchart() {
        Map<String, Object> library = Chart.readYaml(Chart.DIR.resolve("charts/" + LIBRARY + "/Chart.yaml"));
        assertThat(library).containsEntry("type", "library");

        assertThat(dependency(Chart.DIR, LIBRARY)).containsEntry("repository", "file://charts/" + LIBRARY)
            .containsEntry("version", library.get("version"))
            .doesNotContainKey("condition");
        for (String store : STORES) {
            assertThat(dependency(Chart.DIR.resolve("charts/" + store), LIBRARY)).as(store)
                .containsEntry("repository", "file://../" + LIBRARY)
                .containsEntry("version", library.get("version"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependency(Path chart, String name) {
        List<Map<String, Object>> dependencies = (List<Map<String, Object>>) Chart.readYaml(chart.resolve("Chart.yaml"))
            .get("dependencies");
        assertThat(dependencies).as(chart + " dependencies").isNotNull();
        return dependencies.stream()
            .filter(d -> name.equals(d.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(chart + " does not depend on " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgres", "redis", "localstack" })
    void aStoreSubchartRendersOnItsOwnOnceItsLibraryIsBuiltIn(String store) {
        Path copy = copyOfSubcharts().resolve(store);
        new Helm(copy).dependency().build().call();
        var template = new Helm(copy).template().withName("standalone");
        if (store.equals("postgres")) {
            template.set("auth.password", "only-for-this-test");
        }
        List<PodOf> pods = pods(KubernetesObjects.parse(template.call()));

        assertThat(pods).singleElement().satisfies(pod -> {
            assertThat(pod.spec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.spec().getContainers().get(0).getSecurityContext().getCapabilities().getDrop())
                .containsExactly("ALL");
        });
    }

    /**
     * charts/ of the chart, copied (a subchart's `helm dependency build` writes into its
     * directory).
     */
    private static synchronized Path copyOfSubcharts() {
        Chart.freshCopy(Chart.DIR.resolve("charts"), WORK);
        return WORK;
    }

}
