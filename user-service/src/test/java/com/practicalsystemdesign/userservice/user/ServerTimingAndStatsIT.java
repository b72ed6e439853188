package com.practicalsystemdesign.userservice.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.User;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console reads on real PostgreSQL and Redis: each answer's
 * {@code Server-Timing} and {@code X-Cache}, and {@code GET /stats}.
 */
class ServerTimingAndStatsIT extends WithRealStores {

    private static final String MILLIS = "\\d+\\.\\d\\d";

    @Autowired
    private WebTestClient client;

    @Test
    void aMissSaysItReadRedisThenPostgresAndTheNextReadIsAHitFromRedisAlone() {
        User user = createUser(client, "Timed", uniqueEmail("timed"));

        read("/users/" + user.id()).isOk()
            .expectHeader()
            .valueMatches("Server-Timing",
                    "cache;desc=\"miss\", redis;dur=" + MILLIS + ", postgres;dur=" + MILLIS + ", app;dur=" + MILLIS)
            .expectHeader()
            .valueEquals("X-Cache", "MISS");
        read("/users/" + user.id()).isOk()
            .expectHeader()
            .valueMatches("Server-Timing", "cache;desc=\"hit\", redis;dur=" + MILLIS + ", app;dur=" + MILLIS)
            .expectHeader()
            .valueEquals("X-Cache", "HIT");
    }

    @Test
    void problemAnswersAreTimedToo() {
        read("/users/999999999").isNotFound()
            .expectHeader()
            .valueMatches("Server-Timing",
                    "cache;desc=\"miss\", redis;dur=" + MILLIS + ", postgres;dur=" + MILLIS + ", app;dur=" + MILLIS)
            .expectHeader()
            .valueEquals("X-Cache", "MISS");
        read("/users/abc").isEqualTo(422)
            .expectHeader()
            .valueMatches("Server-Timing", "app;dur=" + MILLIS)
            .expectHeader()
            .doesNotExist("X-Cache");
    }

    @Test
    void writesSayTheyWroteToPostgresAndRedisWithoutACacheOutcome() {
        client.post()
            .uri("/users")
            .bodyValue(Map.of("name", "Written", "email", uniqueEmail("written")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches("Server-Timing", "postgres;dur=" + MILLIS + ", app;dur=" + MILLIS);
    }

    @Test
    void statsCountTheLastMinutesRequestsAndCacheLookups() {
        User user = createUser(client, "Counted", uniqueEmail("stats"));
        read("/users/" + user.id()).isOk();
        read("/users/" + user.id()).isOk();
        read("/users/" + user.id()).isOk();
        read("/users/999999998").isNotFound();

        // Everything above happened within the window, whatever other tests did before.
        read("/stats").isOk()
            .expectBody()
            .jsonPath("$.service")
            .isEqualTo("user-service")
            .jsonPath("$.window_seconds")
            .isEqualTo(60)
            .jsonPath("$.requests")
            .value(Number.class, requests -> assertThat(requests.longValue()).isGreaterThanOrEqualTo(5))
            .jsonPath("$.requests_per_second")
            .value(Number.class, rate -> assertThat(rate.doubleValue()).isGreaterThanOrEqualTo(0.08))
            .jsonPath("$.cache.hits")
            .value(Number.class, hits -> assertThat(hits.longValue()).isGreaterThanOrEqualTo(2))
            .jsonPath("$.cache.misses")
            .value(Number.class, misses -> assertThat(misses.longValue()).isGreaterThanOrEqualTo(2))
            .jsonPath("$.cache.bypasses")
            .isNumber()
            .jsonPath("$.cache.hit_ratio")
            .value(Number.class, ratio -> assertThat(ratio.doubleValue()).isGreaterThan(0).isLessThan(1));
    }

    private StatusAssertions read(String path) {
        return client.get().uri(path).exchange().expectStatus();
    }

}
