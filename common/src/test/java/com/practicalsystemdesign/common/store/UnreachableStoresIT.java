package com.practicalsystemdesign.common.store;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.CommonTestApplication;
import com.practicalsystemdesign.common.health.ServiceHealthProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stores that do not answer (nothing listens on port 1) make {@code /health} say so:
 * unhealthy with HTTP 503 when a critical store is down.
 */
@SpringBootTest(classes = CommonTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "database.url=postgresql://postgres@127.0.0.1:1/none", "spring.flyway.enabled=false",
                "redis.url=redis://127.0.0.1:1/0", "dynamodb.endpoint=http://127.0.0.1:1", "aws.region=us-east-1",
                "service-health.dependencies.postgres.indicator=r2dbc",
                "service-health.dependencies.redis.indicator=redis", "service-health.dependencies.redis.critical=false",
                "service-health.dependencies.dynamodb.indicator=dynamodb" })
@AutoConfigureWebTestClient(timeout = "10s")
class UnreachableStoresIT {

    @Autowired
    private WebTestClient client;

    @Autowired
    private ReactiveHealthContributorRegistry registry;

    @Autowired
    private ServiceHealthProperties health;

    @Test
    void everyStoreHasAnActuatorHealthIndicator() {
        assertThat(registry.getContributor("r2dbc")).isNotNull();
        assertThat(registry.getContributor("redis")).isNotNull();
        assertThat(registry.getContributor("dynamodb")).isNotNull();
    }

    /**
     * How soon the answer comes is bounded by {@code service-health.timeout}, each
     * store's check in parallel (asserted in virtual time by {@code ServiceHealthTests});
     * timing this first, JIT-cold request by the wall clock would measure the machine.
     */
    @Test
    void healthIsUnhealthyWhenStoresAreDownAndBoundedWellWithinTheApisTwoSeconds() {
        HealthAnswer.expect(client, "unhealthy",
                Map.of("postgres", "unhealthy", "redis", "unhealthy", "dynamodb", "unhealthy"));

        assertThat(health.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

}
