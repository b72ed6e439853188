package com.practicalsystemdesign.userservice.lab;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveRedisTemplate;

import com.practicalsystemdesign.userservice.user.cache.CacheWrites;
import com.practicalsystemdesign.userservice.user.cache.CachedUser;
import com.practicalsystemdesign.userservice.user.cache.UserCacheCodec;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;

/**
 * The textbook invalidation the stale-race lab shows losing: a writer deletes the key,
 * and a reader sets what it loaded, whatever the key holds by then.
 */
final class DeleteOnWrite implements CacheWrites {

    private final ReactiveRedisTemplate<String, byte[]> redis;

    private final UserCacheCodec codec;

    private final UserCacheProperties properties;

    DeleteOnWrite(ReactiveRedisTemplate<String, byte[]> redis, UserCacheCodec codec, UserCacheProperties properties) {
        this.redis = redis;
        this.codec = codec;
        this.properties = properties;
    }

    /** A plain SET of what was loaded, unchecked. */
    @Override
    public Mono<Boolean> fill(CachedUser entry) {
        return redis.opsForValue()
            .set(key(entry), codec.write(entry), properties.ttl())
            .name("user cache write")
            .timeout(properties.timeout());
    }

    /** The key deleted, for the next miss to fill. */
    @Override
    public Mono<Boolean> put(CachedUser entry) {
        return redis.delete(key(entry)).name("user cache delete").timeout(properties.timeout()).thenReturn(true);
    }

    private static String key(CachedUser entry) {
        return "user:" + entry.id();
    }

}
