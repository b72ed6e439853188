package com.practicalsystemdesign.userservice.user;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.practicalsystemdesign.common.testing.RealStores;

/**
 * The whole service on a random port against real PostgreSQL and Redis (the harness: this JVM's
 * own database and Redis key space). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class WithRealStores {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        RealStores.postgres().register(registry);
        RealStores.redis().register(registry);
    }
}
