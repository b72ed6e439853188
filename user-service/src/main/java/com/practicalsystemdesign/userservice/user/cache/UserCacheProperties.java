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
 * @param repairGrace how long after a write its owed cache update is left to the writer
 * before any instance's {@link CacheSweeper} takes it; above {@code timeout}, so a writer
 * that reaches Redis settles it first
 * @param repairLease how long a repair's claim on an owed update keeps other instances
 * off it; an instance that dies holding it delays that update by this much
 * @param invalidation how a write keeps the cache from serving its old row: the
 * version-checked puts ({@code versioned-put}), or, for the stale-race lab only, the
 * textbook anti-pattern {@code delete-on-write} ({@code CACHE_INVALIDATION}), which lets
 * a slow reader put an old row back
 * @param singleFlight whether concurrent misses of one id share one PostgreSQL load;
 * {@code false} only for the stampede lab ({@code CACHE_SINGLE_FLIGHT})
 * @param labFillDelay lab only: how long a reader waits between its PostgreSQL load and
 * its cache fill, so the stale-race lab can place a write in that gap
 * ({@code CACHE_LAB_FILL_DELAY}); zero in any real deployment
 */
@ConfigurationProperties("cache")
public record UserCacheProperties(@DefaultValue("3600") long ttlSeconds, @DefaultValue("60") long tombstoneTtlSeconds,
        @DefaultValue("250ms") Duration timeout, @DefaultValue("20") int logLinesPerSecond,
        @DefaultValue("500ms") Duration repairGrace, @DefaultValue("1s") Duration repairLease,
        @DefaultValue("versioned-put") Invalidation invalidation, @DefaultValue("true") boolean singleFlight,
        @DefaultValue("0ms") Duration labFillDelay) {

    Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    Duration tombstoneTtl() {
        return Duration.ofSeconds(tombstoneTtlSeconds);
    }

    /** How a write keeps its old row out of the cache. */
    enum Invalidation {

        /**
         * This project's design: every write to a key is version-checked (see
         * {@link UserCache}).
         */
        VERSIONED_PUT,

        /**
         * The textbook anti-pattern, for the stale-race lab only: a write deletes the key
         * and a miss sets what it loaded, unchecked.
         */
        DELETE_ON_WRITE

    }

}
