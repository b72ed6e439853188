package com.practicalsystemdesign.userservice.user.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code cache.requests{cache="users",result="hit|miss|error"}} (Prometheus:
 * {@code cache_requests_total}): reads answered by Redis, reads that went to PostgreSQL
 * because the entry was absent, and Redis calls that failed or timed out.
 */
@Component
class UserCacheMetrics {

    static final String NAME = "cache.requests";

    static final String CACHE = "users";

    private final Counter hits;

    private final Counter misses;

    private final Counter errors;

    UserCacheMetrics(MeterRegistry registry) {
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.errors = counter(registry, "error");
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void error() {
        errors.increment();
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(NAME)
            .description("User cache lookups and failed Redis calls")
            .tag("cache", CACHE)
            .tag("result", result)
            .register(registry);
    }

}
