package com.practicalsystemdesign.common.stats;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.ServiceStats.CacheStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /stats} as docs/api.md shows it: the requests of the last minute, not
 * counting the polled {@code /health} and {@code /stats}, and a cache when the service
 * has one.
 */
class StatsControllerTests {

    @Nested
    @WebFluxTest(controllers = StatsController.class)
    @ImportAutoConfiguration(StatsAutoConfiguration.class)
    @TestPropertySource(properties = "spring.application.name=chat-service")
    class WithoutACache {

        @Autowired
        private WebTestClient client;

        @Test
        void countsTheRequestsButNotThePolling() {
            for (int i = 0; i < 3; i++) {
                client.get().uri("/chats/anything").exchange().expectStatus().isNotFound();
            }
            client.get().uri("/stats").exchange().expectStatus().isOk();

            client.get().uri("/stats").exchange().expectStatus().isOk().expectBody().json("""
                    {"service":"chat-service","window_seconds":60,"requests":3,"requests_per_second":0.05}
                    """, true);
        }

    }

    @Nested
    @WebFluxTest(controllers = StatsController.class)
    @ImportAutoConfiguration(StatsAutoConfiguration.class)
    @TestPropertySource(properties = "spring.application.name=user-service")
    class WithACache {

        @Autowired
        private WebTestClient client;

        @Test
        void addsTheCacheLookupsAndTheirHitRatio() {
            client.get().uri("/stats").exchange().expectStatus().isOk().expectBody().json("""
                    {"service":"user-service","window_seconds":60,"requests":0,"requests_per_second":0.0,
                     "cache":{"hits":100,"misses":20,"bypasses":3,"hit_ratio":0.81}}
                    """, true);
        }

        @TestConfiguration(proxyBeanMethods = false)
        static class Lookups {

            @Bean
            CacheLookups cacheLookups() {
                return () -> CacheStats.of(100, 20, 3);
            }

        }

    }

    @Test
    void theHitRatioIsNullBeforeTheFirstLookup() {
        assertThat(CacheStats.of(0, 0, 0).hitRatio()).isNull();
    }

}
