package com.practicalsystemdesign.userservice.user;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.practicalsystemdesign.common.testing.RealStores;

/**
 * The whole service on a random port against real PostgreSQL and Redis (the harness: this
 * JVM's own database and Redis key space). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class WithRealStores {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        RealStores.postgres().register(registry);
        RealStores.redis().register(registry);
        // One context serves every test class, bursts of concurrent reads included: a
        // test that
        // looks for its CACHE HIT/MISS line must not lose it to another test's burst in
        // the same
        // second. The limit itself is CacheLookupLogTests' subject (and
        // LocalRunWalkthroughIT
        // finds a single curl's line with the default).
        registry.add("cache.log-lines-per-second", () -> Integer.MAX_VALUE);
    }

}
