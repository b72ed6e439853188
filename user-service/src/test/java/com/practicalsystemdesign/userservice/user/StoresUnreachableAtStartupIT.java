package com.practicalsystemdesign.userservice.user;

import java.util.Map;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.testing.Management;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts with neither store reachable (nothing listens on port 1; migrations
 * off, as they need the database) and says so: 503 problems within two seconds,
 * {@code /health} unhealthy, not ready but alive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "database.url=postgresql://postgres@127.0.0.1:1/users", "spring.flyway.enabled=false",
                "redis.url=redis://127.0.0.1:1/0" })
@AutoConfigureWebTestClient(timeout = "10s")
class StoresUnreachableAtStartupIT {

    @Autowired
    private WebTestClient client;

    @LocalManagementPort
    private int managementPort;

    @Test
    void readingAUserIsServiceUnavailableWithinTwoSeconds() {
        Instant start = Instant.now();

        client.get()
            .uri("/users/1")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(503)
            .jsonPath("$.title")
            .isEqualTo("Service Unavailable")
            .jsonPath("$.detail")
            .isEqualTo("PostgreSQL is temporarily unavailable; retry shortly")
            .jsonPath("$.instance")
            .isEqualTo("/users/1");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void healthIsUnhealthyAndTheServiceIsNotReadyButAlive() {
        Instant start = Instant.now();

        HealthAnswer.expect(client, "unhealthy", Map.of("postgres", "unhealthy", "redis", "unhealthy"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        WebTestClient management = Management.client(managementPort);
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

}
