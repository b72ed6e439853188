package com.practicalsystemdesign.common.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client for a service's management port, where the actuator's health groups, metrics
 * and Prometheus endpoint live (apart from the API port, as in production).
 */
public final class Management {

    private Management() {
    }

    public static WebTestClient client(int managementPort) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    /**
     * What the Prometheus endpoint serves now, to match with {@link PrometheusSeries}.
     */
    public static String prometheus(int managementPort) {
        return client(managementPort).get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    }

}
