package com.practicalsystemdesign.common.testing;

import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Checks a service's {@code GET /health} (docs/api.md): the overall status, with 503 for
 * {@code unhealthy} and 200 otherwise, and the status of each named store.
 */
public final class HealthAnswer {

    private HealthAnswer() {
    }

    /**
     * @return the body, for any further checks of it
     */
    public static WebTestClient.BodyContentSpec expect(WebTestClient client, String status,
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
