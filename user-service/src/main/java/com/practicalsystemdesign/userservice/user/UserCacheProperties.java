package com.practicalsystemdesign.userservice.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The user cache's settings.
 *
 * @param ttlSeconds lifetime of {@code user:{id}} ({@code CACHE_TTL_SECONDS}, the original
 * design's variable)
 * @param tombstoneTtlSeconds lifetime of a deleted user's tombstone; it must outlast any read in
 * flight, which PostgreSQL's timeout bounds to seconds
 * @param timeout upper bound of every Redis call, after which the request carries on from
 * PostgreSQL
 * @param logLinesPerSecond the most {@code CACHE HIT}/{@code CACHE MISS} lines logged in one
 * second; lookups beyond it are counted, not logged (see {@link CacheLookupLog})
 */
@ConfigurationProperties("cache")
record UserCacheProperties(@DefaultValue("3600") long ttlSeconds, @DefaultValue("60") long tombstoneTtlSeconds,
        @DefaultValue("250ms") Duration timeout, @DefaultValue("20") int logLinesPerSecond) {

    Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    Duration tombstoneTtl() {
        return Duration.ofSeconds(tombstoneTtlSeconds);
    }
}
