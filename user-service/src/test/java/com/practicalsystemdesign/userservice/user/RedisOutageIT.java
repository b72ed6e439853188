package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.TcpProxy;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away while the service runs, behind a {@link TcpProxy}: the API keeps
 * working from PostgreSQL, quickly, health says degraded, and when Redis is back (with
 * its old data) no entry older than a write made during the outage is ever served.
 */
class RedisOutageIT extends OutageTest {

    private static final TcpProxy redisProxy = TcpProxy.to(RealStores.redis().host(), RealStores.redis().port());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        RealStores.postgres().register(registry);
        RealStores.redis().through(redisProxy).register(registry);
    }

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void bringRedisBack() {
        redisProxy.forward();
    }

    @AfterAll
    static void closeProxy() {
        redisProxy.close();
    }

    @Test
    void usersApiWorksFromPostgresWhileRedisIsDownAndNoOldEntrySurvivesIt() {
        User alice = create("Alice Before Outage");
        User bob = create("Bob Before Outage");
        read(alice.id()).isEqualTo(alice);
        read(bob.id()).isEqualTo(bob);
        StepVerifier.create(cachedJson(alice.id(), json -> json.contains(alice.name())))
            .expectNextCount(1)
            .verifyComplete();
        double errors = cacheErrors();

        redisProxy.refuse();

        User carol = create("Carol During Outage");
        read(carol.id()).isEqualTo(carol);
        update(alice.id(), "Alice During Outage");
        read(alice.id()).value(user -> assertThat(user.name()).isEqualTo("Alice During Outage"));
        client.delete().uri("/users/{id}", bob.id()).exchange().expectStatus().isOk();
        client.get().uri("/users/{id}", bob.id()).exchange().expectStatus().isNotFound();
        HealthAnswer.expect(client, "degraded", Map.of("redis", "unhealthy", "postgres", "healthy"));
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        assertThat(cacheErrors()).isGreaterThan(errors);

        redisProxy.forward();

        // Redis still holds the entries from before the outage; the writes made during it
        // win.
        for (int i = 0; i < 5; i++) {
            read(alice.id()).value(user -> assertThat(user.name()).isEqualTo("Alice During Outage"));
            client.get().uri("/users/{id}", bob.id()).exchange().expectStatus().isNotFound();
        }
        StepVerifier.create(cachedJson(alice.id(), json -> json.contains("Alice During Outage")))
            .expectNextCount(1)
            .verifyComplete();
        StepVerifier.create(cachedJson(bob.id(), json -> json.contains("\"deleted\":true")))
            .expectNextCount(1)
            .verifyComplete();
    }

    @Test
    void requestsStayFastWhenRedisStopsAnswering() {
        User dave = create("Dave");

        redisProxy.hang();

        Instant start = Instant.now();
        read(dave.id()).isEqualTo(dave);
        assertWithinPromise(start);
        start = Instant.now();
        update(dave.id(), "Dave Updated");
        assertWithinPromise(start);
        start = Instant.now();
        read(dave.id()).value(user -> assertThat(user.name()).isEqualTo("Dave Updated"));
        assertWithinPromise(start);
        HealthAnswer.expect(client, "degraded", Map.of());
        // Commands the cache does not bound itself, like the actuator's health check,
        // still time out in Lettuce.
        Instant probe = Instant.now();
        management().get()
            .uri("/actuator/health")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("DOWN");
        assertWithinPromise(probe);

        redisProxy.forward();

        StepVerifier.create(cachedJson(dave.id(), json -> json.contains("Dave Updated")))
            .expectNextCount(1)
            .verifyComplete();
    }

    /**
     * Polls Redis itself (through the restored proxy) until {@code user:{id}} matches.
     */
    private Mono<String> cachedJson(long id, Predicate<String> matches) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(200))
            .onBackpressureDrop()
            .concatMap(tick -> redis.opsForValue().get(cacheKey(id)).onErrorResume(ex -> Mono.empty()))
            .filter(matches)
            .next()
            .timeout(Duration.ofSeconds(10));
    }

    private double cacheErrors() {
        return meters.get("cache.requests").tags("cache", "users", "result", "error").counter().count();
    }

    private User create(String name) {
        return createUser(client, name, uniqueEmail("redis-outage"));
    }

    private WebTestClient.BodySpec<User, ?> read(long id) {
        return client.get().uri("/users/{id}", id).exchange().expectStatus().isOk().expectBody(User.class);
    }

    private void update(long id, String name) {
        client.put()
            .uri("/users/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name))
            .exchange()
            .expectStatus()
            .isOk();
    }

    /** The key docs/cache-aside.md names. */
    private static String cacheKey(long id) {
        return "user:" + id;
    }

}
