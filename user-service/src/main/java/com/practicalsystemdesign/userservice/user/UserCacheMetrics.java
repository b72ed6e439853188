package com.practicalsystemdesign.userservice.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code cache.requests{cache="users",result="hit|miss|bypass|error"}} (Prometheus:
 * {@code cache_requests_total}): reads answered by Redis, reads that went to PostgreSQL
 * because the entry was absent, reads that went to PostgreSQL without the cache (Redis
 * failed, or may hold an entry older than a write made here), and Redis calls that failed
 * or timed out.
 */
@Component
class UserCacheMetrics {

    static final String NAME = "cache.requests";

    static final String CACHE = "users";

    private final Counter hits;

    private final Counter misses;

    private final Counter bypasses;

    private final Counter errors;

    UserCacheMetrics(MeterRegistry registry) {
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.bypasses = counter(registry, "bypass");
        this.errors = counter(registry, "error");
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void bypass() {
        bypasses.increment();
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
