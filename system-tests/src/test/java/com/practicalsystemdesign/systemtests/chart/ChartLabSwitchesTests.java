package com.practicalsystemdesign.systemtests.chart;

import java.util.List;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.practicalsystemdesign.systemtests.chart.Chart.Scenario;

import static com.practicalsystemdesign.systemtests.chart.KubernetesObjects.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user cache's lab-only anti-patterns ({@code cache.invalidation=delete-on-write},
 * {@code cache.single-flight=false}, {@code cache.lab-fill-delay}) cannot reach a
 * cluster: the chart has no value for them and no way to pass a variable of one's own,
 * and its strict schema refuses any attempt.
 */
class ChartLabSwitchesTests {

    private static final Scenario DEFAULTS = new Scenario("default", null);

    @ParameterizedTest
    @CsvSource({ "userService.cacheInvalidation=delete-on-write, cacheInvalidation",
            "userService.cache.invalidation=delete-on-write, cache", "userService.singleFlight=false, singleFlight",
            "userService.cacheSingleFlight=false, cacheSingleFlight", "userService.env[0].name=CACHE_INVALIDATION, env",
            "userService.extraEnv[0].name=CACHE_SINGLE_FLIGHT, extraEnv",
            "userService.extraEnvVars[0].name=CACHE_LAB_FILL_DELAY, extraEnvVars" })
    void theSchemaRefusesEveryWayToSwitchAnAntiPatternOn(String set, String refusedKey) {
        assertThatThrownBy(() -> Chart.template(DEFAULTS, set)).hasMessageContaining("additional properties")
            .hasMessageContaining("'" + refusedKey + "'");
    }

    @Test
    void theUserServiceRunsWithTheDefaults() {
        List<HasMetadata> objects = KubernetesObjects.parse(Chart.template(DEFAULTS));
        List<String> variables = named(objects, Deployment.class, "user-service").getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .stream()
            .map(EnvVar::getName)
            .toList();

        assertThat(variables).isNotEmpty()
            .doesNotContain("CACHE_INVALIDATION", "CACHE_SINGLE_FLIGHT", "CACHE_LAB_FILL_DELAY");
    }

}
