package com.practicalsystemdesign.userservice.user;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.testing.OutageTest;

/**
 * The service starts with neither store reachable (nothing listens on port 1; migrations
 * off, as they need the database) and says so: 503 problems within two seconds,
 * {@code /health} unhealthy, not ready but alive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "database.url=postgresql://postgres@127.0.0.1:1/users", "spring.flyway.enabled=false",
                "redis.url=redis://127.0.0.1:1/0" })
class StoresUnreachableAtStartupIT extends OutageTest {

    @Test
    void readingAUserIsServiceUnavailableWithinTwoSeconds() {
        expectUnavailableWithinPromise(client.get().uri("/users/1"), "PostgreSQL").jsonPath("$.instance")
            .isEqualTo("/users/1");
    }

    @Test
    void healthIsUnhealthyAndTheServiceIsNotReadyButAlive() {
        Instant start = Instant.now();

        HealthAnswer.expect(client, "unhealthy", Map.of("postgres", "unhealthy", "redis", "unhealthy"));

        assertWithinPromise(start);
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

}
