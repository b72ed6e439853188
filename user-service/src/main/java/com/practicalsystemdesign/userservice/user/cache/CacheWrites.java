package com.practicalsystemdesign.userservice.user.cache;

import reactor.core.publisher.Mono;

/**
 * How entries reach Redis: a reader's fill after a miss and a writer's put after its
 * commit. Each emits whether Redis now holds this entry or a newer one, and fails when
 * Redis does not answer within {@code cache.timeout}.
 */
public interface CacheWrites {

    Mono<Boolean> fill(CachedUser entry);

    Mono<Boolean> put(CachedUser entry);

}
