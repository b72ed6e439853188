package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.PostgresStore;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.TcpProxy;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;

/**
 * PostgreSQL going away while the service runs, behind a {@link TcpProxy}: every request
 * that needs it gets a 503 problem within two seconds, health and readiness say so, users
 * already in the cache are still served, and everything works again when PostgreSQL is
 * back, with no restart.
 */
class PostgresOutageIT extends OutageTest {

    private static final TcpProxy postgres = TcpProxy.to(RealStores.postgres().host(), RealStores.postgres().port());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        PostgresStore real = RealStores.postgres();
        new PostgresStore(real.host(), postgres.port(), real.database(), real.username(), real.password())
            .register(registry);
        RealStores.redis().register(registry);
    }

    @LocalServerPort
    private int port;

    @AfterEach
    void bringPostgresBack() {
        postgres.forward();
    }

    @AfterAll
    static void closeProxy() {
        postgres.close();
    }

    @Test
    void answersServiceUnavailableWhilePostgresIsDownAndRecoversWithoutRestart() {
        User cached = create("Cached Before Outage");
        client.get().uri("/users/{id}", cached.id()).exchange().expectStatus().isOk();
        User uncached = create("Not Cached");

        postgres.refuse();

        expectUnavailableWithinPromise(client.get().uri("/users/{id}", uncached.id()), "PostgreSQL");
        expectUnavailableWithinPromise(client.get().uri("/users"), "PostgreSQL");
        expectUnavailableWithinPromise(client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "During Outage", "email", uniqueEmail("outage"))), "PostgreSQL");
        client.get()
            .uri("/users/{id}", cached.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(cached);
        HealthAnswer.expect(client, "unhealthy", Map.of("postgres", "unhealthy", "redis", "healthy"));
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        postgres.forward();

        StepVerifier.create(eventuallyOk("/users/" + uncached.id())).expectNext(200).verifyComplete();
        create("After Outage");
        client.get().uri("/health").exchange().expectStatus().isOk();
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void answersServiceUnavailableWithinTwoSecondsWhenPostgresStopsAnswering() {
        User user = create("Hung Postgres");

        postgres.hang();

        expectUnavailableWithinPromise(client.get().uri("/users/{id}", user.id()), "PostgreSQL");
        expectUnavailableWithinPromise(client.put()
            .uri("/users/{id}", user.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Never Written")), "PostgreSQL");

        postgres.forward();

        StepVerifier.create(eventuallyOk("/users/" + user.id())).expectNext(200).verifyComplete();
    }

    /**
     * Polls until the service answers 200 again: recovery takes no restart, only a
     * moment.
     */
    private Mono<Integer> eventuallyOk(String path) {
        WebClient http = WebClient.create("http://localhost:" + port);
        return Flux.interval(Duration.ZERO, Duration.ofMillis(200))
            .onBackpressureDrop()
            .concatMap(tick -> http.get()
                .uri(path)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
            .filter(status -> status == 200)
            .next()
            .timeout(Duration.ofSeconds(10));
    }

    private User create(String name) {
        return createUser(client, name, uniqueEmail("pg-outage"));
    }

}
