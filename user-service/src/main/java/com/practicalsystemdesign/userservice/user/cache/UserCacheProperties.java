package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The user cache's settings.
 *
 * @param ttlSeconds lifetime of {@code user:{id}} ({@code CACHE_TTL_SECONDS}, the
 * original design's variable)
 * @param tombstoneTtlSeconds lifetime of a deleted user's tombstone; it must outlast any
 * read in flight, which PostgreSQL's timeout bounds to seconds
 * @param timeout upper bound of every Redis call, after which the request carries on from
 * PostgreSQL
 * @param logLinesPerSecond the most {@code CACHE HIT}/{@code CACHE MISS} lines logged in
 * one second; lookups beyond it are counted, not logged (see {@link CacheLookupLog})
 * @param repairInterval how often every instance sweeps the outbox for due rows
 * @param repairGrace how long after a write its owed cache update is left to the writer
 * before any instance's {@link CacheSweeper} takes it; above {@code timeout}, so a writer
 * that reaches Redis settles it first
 * @param repairLease how long a repair's claim on an owed update keeps other instances
 * off it; an instance that dies holding it delays that update by this much
 */
@ConfigurationProperties("cache")
public record UserCacheProperties(@DefaultValue("3600") long ttlSeconds, @DefaultValue("60") long tombstoneTtlSeconds,
        @DefaultValue("250ms") Duration timeout, @DefaultValue("20") int logLinesPerSecond,
        @DefaultValue("250ms") Duration repairInterval, @DefaultValue("500ms") Duration repairGrace,
        @DefaultValue("1s") Duration repairLease) {

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    public Duration tombstoneTtl() {
        return Duration.ofSeconds(tombstoneTtlSeconds);
    }

}
