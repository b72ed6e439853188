package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.TcpProxy;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.awaitility.Awaitility.await;

/**
 * A Redis that takes its time to open a connection when the service starts (a name that
 * resolves slowly, a server still loading): no request waits for it, and once it answers
 * the cache is used, without a restart.
 */
class RedisSlowAtStartUpIT extends OutageTest {

    private static final TcpProxy redisProxy = TcpProxy.to(RealStores.redis().host(), RealStores.redis().port());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        RealStores.postgres().register(registry);
        RealStores.redis().through(redisProxy).register(registry);
        // Opening a connection then takes as long as Lettuce allows it, far beyond the
        // API's promise.
        registry.add("spring.data.redis.connect-timeout", () -> "10s");
        registry.add("spring.data.redis.timeout", () -> "10s");
        redisProxy.hang();
    }

    @AfterAll
    static void closeProxy() {
        redisProxy.close();
    }

    @Test
    void requestsDoNotWaitForTheConnectionAndTheCacheIsUsedOnceRedisAnswers() {
        Instant start = Instant.now();
        User early = create("Early");
        expectCache(early.id(), "BYPASS");
        assertWithinPromise(start);

        redisProxy.forward();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long later = create("Later").id();
            expectCache(later, "MISS");
            expectCache(later, "HIT");
        });
    }

    private User create(String name) {
        return createUser(client, name, uniqueEmail("redis-slow-start"));
    }

    private void expectCache(long id, String outcome) {
        client.get()
            .uri("/users/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("X-Cache", outcome);
    }

}
