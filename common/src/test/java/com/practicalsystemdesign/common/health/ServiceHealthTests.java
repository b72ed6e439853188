package com.practicalsystemdesign.common.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import com.practicalsystemdesign.common.health.ServiceHealthProperties.Dependency;
import com.practicalsystemdesign.common.model.HealthResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceHealthTests {

    private static final ReactiveHealthIndicator UP = () -> Mono.just(Health.up().build());

    private static final ReactiveHealthIndicator DOWN = () -> Mono.just(Health.down().build());

    private static final ReactiveHealthIndicator FAILING = () -> Mono.error(new IllegalStateException("refused"));

    private static final ReactiveHealthIndicator HANGING = Mono::never;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T06:17:01Z"), ZoneOffset.UTC);

    @Test
    void isHealthyWhenEveryStoreIsUp() {
        HealthResponse health = check(UP, UP);

        assertThat(health.status()).isEqualTo("healthy");
        assertThat(health.dependencies()).containsExactly(Map.entry("postgres", "healthy"),
                Map.entry("redis", "healthy"));
        assertThat(health.service()).isEqualTo("user-service");
        assertThat(health.version()).isEqualTo("1.2.3");
        assertThat(health.timestamp()).isEqualTo(Instant.parse("2026-11-25T06:17:01Z"));
    }

    @Test
    void isDegradedWhenOnlyAnOptionalStoreIsDown() {
        HealthResponse health = check(UP, DOWN);

        assertThat(health.status()).isEqualTo("degraded");
        assertThat(health.dependencies()).containsEntry("redis", "unhealthy");
    }

    @Test
    void isUnhealthyWhenACriticalStoreFails() {
        assertThat(check(FAILING, UP).status()).isEqualTo("unhealthy");
        assertThat(check(DOWN, DOWN).status()).isEqualTo("unhealthy");
    }

    @Test
    void countsAStoreThatDoesNotAnswerInTimeAsDown() {
        // Virtual time: the answer comes at the timeout exactly, however busy the
        // machine.
        StepVerifier.withVirtualTime(() -> view(HANGING, UP, Duration.ofMillis(200)).current())
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(199))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(health -> assertThat(health.status()).isEqualTo("unhealthy"))
            .verifyComplete();
    }

    @Test
    void countsAMissingIndicatorAsDown() {
        ServiceHealthProperties properties = new ServiceHealthProperties(
                Map.of("dynamodb", new Dependency("dynamodb", true)), Duration.ofSeconds(1));
        ServiceHealth view = new ServiceHealth(CompositeReactiveHealthContributor.fromMap(Map.of("ping", UP)),
                properties, "chat-service", "1.2.3", CLOCK);

        StepVerifier.create(view.current())
            .assertNext(health -> assertThat(health.status()).isEqualTo("unhealthy"))
            .verifyComplete();
    }

    private static HealthResponse check(ReactiveHealthIndicator postgres, ReactiveHealthIndicator redis) {
        HealthResponse[] result = new HealthResponse[1];
        StepVerifier.create(view(postgres, redis, Duration.ofSeconds(1)).current())
            .consumeNextWith(health -> result[0] = health)
            .verifyComplete();
        return result[0];
    }

    private static ServiceHealth view(ReactiveHealthIndicator postgres, ReactiveHealthIndicator redis,
            Duration timeout) {
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        dependencies.put("postgres", new Dependency("r2dbc", true));
        dependencies.put("redis", new Dependency("redis", false));
        return new ServiceHealth(CompositeReactiveHealthContributor.fromMap(Map.of("r2dbc", postgres, "redis", redis)),
                new ServiceHealthProperties(dependencies, timeout), "user-service", "1.2.3", CLOCK);
    }

}
