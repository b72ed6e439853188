package com.practicalsystemdesign.common.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Checks a service's {@code GET /health} (docs/api.md): the overall status, with 503 for
 * {@code unhealthy} and 200 otherwise, and the status of each named store.
 */
public final class HealthAnswer {

    private HealthAnswer() {
    }

    /**
     * How long a status may take to show: a store that has just started, or a first call
     * on a cold JVM, can outlast one health check's budget on a busy machine.
     */
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);

    /**
     * Polls {@code /health}, as a load balancer would, until it answers {@code status}
     * with those dependencies (within {@link #SETTLES_WITHIN}).
     * @return the body of the matching answer, for any further checks of it
     */
    public static WebTestClient.BodyContentSpec expect(WebTestClient client, String status,
            Map<String, String> dependencies) {
        AtomicReference<WebTestClient.BodyContentSpec> answer = new AtomicReference<>();
        await("/health " + status + " " + dependencies).atMost(SETTLES_WITHIN)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .untilAsserted(() -> answer.set(once(client, status, dependencies)));
        return answer.get();
    }

    private static WebTestClient.BodyContentSpec once(WebTestClient client, String status,
            Map<String, String> dependencies) {
        WebTestClient.BodyContentSpec body = client.get()
            .uri("/health")
            .exchange()
            .expectStatus()
            .isEqualTo("unhealthy".equals(status) ? 503 : 200)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(status);
        dependencies.forEach((store, health) -> body.jsonPath("$.dependencies." + store).isEqualTo(health));
        return body;
    }

}
