package com.practicalsystemdesign.userservice.lab;

import java.time.Duration;

import reactor.core.publisher.Mono;

import com.practicalsystemdesign.userservice.user.cache.CacheWrites;
import com.practicalsystemdesign.userservice.user.cache.CachedUser;

/**
 * Holds every reader between its load and its fill, so that the stale-race lab can place
 * a write in that gap every time.
 */
final class DelayedFills implements CacheWrites {

    private final CacheWrites writes;

    private final Duration delay;

    DelayedFills(CacheWrites writes, Duration delay) {
        this.writes = writes;
        this.delay = delay;
    }

    @Override
    public Mono<Boolean> fill(CachedUser entry) {
        return Mono.delay(delay).then(writes.fill(entry));
    }

    @Override
    public Mono<Boolean> put(CachedUser entry) {
        return writes.put(entry);
    }

}
