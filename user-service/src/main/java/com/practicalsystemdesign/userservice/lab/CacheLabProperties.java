package com.practicalsystemdesign.userservice.lab;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The labs' switches, which turn the user cache into the anti-patterns the labs show; the
 * Helm chart refuses all three.
 *
 * @param invalidation how a write keeps the cache from serving its old row: the
 * version-checked puts ({@code versioned-put}), or, for the stale-race lab only, the
 * textbook anti-pattern {@code delete-on-write} ({@code CACHE_INVALIDATION}), which lets
 * a slow reader put an old row back
 * @param singleFlight whether concurrent misses of one id share one PostgreSQL load;
 * {@code false} only for the stampede lab ({@code CACHE_SINGLE_FLIGHT})
 * @param labFillDelay how long a reader waits between its PostgreSQL load and its cache
 * fill, so the stale-race lab can place a write in that gap
 * ({@code CACHE_LAB_FILL_DELAY}); zero in any real deployment
 */
@ConfigurationProperties("cache")
record CacheLabProperties(@DefaultValue("versioned-put") Invalidation invalidation,
        @DefaultValue("true") boolean singleFlight, @DefaultValue("0ms") Duration labFillDelay) {

    /** Whether a lab changed how entries reach Redis. */
    boolean changesWrites() {
        return invalidation == Invalidation.DELETE_ON_WRITE || labFillDelay.isPositive();
    }

    /** How a write keeps its old row out of the cache. */
    enum Invalidation {

        /** The pattern: every write to a key is version-checked. */
        VERSIONED_PUT,

        /**
         * The textbook anti-pattern: a write deletes the key and a miss sets what it
         * loaded, unchecked.
         */
        DELETE_ON_WRITE

    }

}
