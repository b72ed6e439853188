package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Every write to a key, fill or put, goes through one Lua script
 * ({@code redis/put-if-newer.lua}) that compares versions and sets atomically, so Redis
 * never trades an entry for an older one ({@link UserCache} explains why).
 */
@Component
public class VersionedPuts implements CacheWrites {

    private static final RedisScript<Boolean> PUT_IF_NEWER = RedisScript
        .of(new ClassPathResource("redis/put-if-newer.lua"), Boolean.class);

    private final ReactiveRedisTemplate<String, byte[]> redis;

    private final UserCacheCodec codec;

    private final UserCacheProperties properties;

    VersionedPuts(ReactiveRedisTemplate<String, byte[]> userCacheRedisTemplate, UserCacheCodec codec,
            UserCacheProperties properties) {
        this.redis = userCacheRedisTemplate;
        this.codec = codec;
        this.properties = properties;
    }

    @Override
    public Mono<Boolean> fill(CachedUser entry) {
        return put(entry);
    }

    @Override
    public Mono<Boolean> put(CachedUser entry) {
        Duration ttl = entry.deleted() ? properties.tombstoneTtl() : properties.ttl();
        byte[] ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII);
        return redis.execute(PUT_IF_NEWER, List.of(UserCache.key(entry.id())), List.of(codec.write(entry), ttlMillis))
            .next()
            .name("user cache write")
            .timeout(properties.timeout());
    }

}
