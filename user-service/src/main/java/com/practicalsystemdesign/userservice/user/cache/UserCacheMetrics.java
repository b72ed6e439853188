package com.practicalsystemdesign.userservice.user.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import com.practicalsystemdesign.common.model.ServiceStats.CacheStats;
import com.practicalsystemdesign.common.stats.CacheLookups;
import com.practicalsystemdesign.common.stats.LastMinuteCounter;

/**
 * {@code cache.requests{cache="users",result="hit|miss|bypass|error"}} (Prometheus:
 * {@code cache_requests_total}): reads answered by Redis, reads that went to PostgreSQL
 * because the entry was absent, reads that went to PostgreSQL without the cache (Redis
 * failed, or may hold an entry older than a write made here), and Redis calls that failed
 * or timed out. The same reads over the last minute are {@code GET /stats}'s.
 */
@Component
class UserCacheMetrics implements CacheLookups {

    static final String NAME = "cache.requests";

    static final String CACHE = "users";

    private final Counter hits;

    private final Counter misses;

    private final Counter bypasses;

    private final Counter errors;

    private final LastMinuteCounter recentHits = new LastMinuteCounter();

    private final LastMinuteCounter recentMisses = new LastMinuteCounter();

    private final LastMinuteCounter recentBypasses = new LastMinuteCounter();

    UserCacheMetrics(MeterRegistry registry) {
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.bypasses = counter(registry, "bypass");
        this.errors = counter(registry, "error");
    }

    void hit() {
        hits.increment();
        recentHits.increment();
    }

    void miss() {
        misses.increment();
        recentMisses.increment();
    }

    void bypass() {
        bypasses.increment();
        recentBypasses.increment();
    }

    void error() {
        errors.increment();
    }

    @Override
    public CacheStats lastMinute() {
        return CacheStats.of(recentHits.sum(), recentMisses.sum(), recentBypasses.sum());
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(NAME)
            .description("User cache lookups and failed Redis calls")
            .tag("cache", CACHE)
            .tag("result", result)
            .register(registry);
    }

}
