package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The users cache against a Redis double: hits answer the user's API JSON, misses and
 * tombstones are empty, entries live for their TTL, and a Redis that fails or does not
 * answer within {@code cache.timeout} is a miss, never an error. The double keeps what
 * was SET with its PX (or DEL removed) and answers GET from it, on a clock the test
 * moves; the version check of {@code put-if-newer.lua} and the repair of failed puts need
 * real Redis and are left to UserCacheIT.
 */
class UserCacheTests {

    private static final Instant CREATED_AT = Instant.parse("2026-11-25T06:17:01.123Z");

    private static final CachedUser ALICE = new CachedUser(1, "Alice Smith", "alice@example.com", CREATED_AT, 3, false);

    private static final String ALICE_JSON = "{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\","
            + "\"created_at\":\"2026-11-25T06:17:01.123Z\"}";

    private final InMemoryRedis redis = new InMemoryRedis();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UserCacheCodec codec = new UserCacheCodec(JsonMapper.shared());

    private UserCache cache;

    @BeforeEach
    void cache() {
        cache = userCache(redis, codec, properties(Map.of()), new UserCacheMetrics(registry));
    }

    /**
     * Bound as the service binds them, so settings this test does not name keep their
     * defaults.
     */
    private static UserCacheProperties properties(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(
                Map.of("cache.ttl-seconds", "3600", "cache.tombstone-ttl-seconds", "60", "cache.timeout", "250ms"));
        all.putAll(settings);
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("cache", UserCacheProperties.class);
    }

    @Test
    void aHitAnswersTheUsersApiJsonWithoutTheVersion() {
        redis.set("user:1", codec.write(ALICE), Duration.ofHours(1));

        StepVerifier.create(cache.get(1).map(UserCacheTests::text)).expectNext(ALICE_JSON).verifyComplete();
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isZero();
    }

    @Test
    void anAbsentEntryIsAMiss() {
        StepVerifier.create(cache.get(1)).verifyComplete();

        assertThat(count("miss")).isEqualTo(1);
        assertThat(count("hit")).isZero();
    }

    @Test
    void aTombstoneIsAMissAndNoUser() {
        redis.set("user:1", codec.write(CachedUser.tombstone(1, 3)), Duration.ofSeconds(60));

        StepVerifier.create(cache.get(1)).verifyComplete();
        assertThat(count("miss")).isEqualTo(1);
        assertThat(count("hit")).isZero();
    }

    @Test
    void aFilledEntryIsTheNextReadsHitForOneTtl() {
        StepVerifier.create(cache.fill(ALICE)).verifyComplete();

        redis.advance(Duration.ofSeconds(3599));
        StepVerifier.create(cache.get(1).map(UserCacheTests::text)).expectNext(ALICE_JSON).verifyComplete();
        redis.advance(Duration.ofSeconds(1));
        StepVerifier.create(cache.get(1)).verifyComplete();
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isEqualTo(1);
    }

    @Test
    void aWritersPutReplacesTheEntryForTheNextRead() {
        redis.set("user:1", codec.write(ALICE), Duration.ofHours(1));
        CachedUser renamed = new CachedUser(1, "Alice Jones", "alice@example.com", CREATED_AT, 4, false);

        StepVerifier.create(cache.put(renamed).then()).verifyComplete();

        StepVerifier.create(cache.get(1).map(UserCacheTests::text))
            .expectNext(ALICE_JSON.replace("Alice Smith", "Alice Jones"))
            .verifyComplete();
    }

    @Test
    void aDeletesTombstoneHidesTheUserAndLivesForTheTombstoneTtlOnly() {
        redis.set("user:1", codec.write(ALICE), Duration.ofHours(1));

        StepVerifier.create(cache.put(CachedUser.tombstone(1, 3)).then()).verifyComplete();

        StepVerifier.create(cache.get(1)).verifyComplete();
        redis.advance(Duration.ofSeconds(59));
        assertThat(redis.holds("user:1")).as("the tombstone still blocks late fills").isTrue();
        redis.advance(Duration.ofSeconds(1));
        assertThat(redis.holds("user:1")).isFalse();
    }

    @Test
    void aFailingRedisIsAMissAndAFailedFillIsNoError() {
        redis.failWith(new RedisConnectionException("Unable to connect to localhost:6379"));

        StepVerifier.create(cache.get(1)).verifyComplete();
        StepVerifier.create(cache.fill(ALICE)).verifyComplete();
        assertThat(count("error")).isEqualTo(2);
    }

    @Test
    void aRedisThatDoesNotAnswerIsAMissAfterTheCacheTimeout() {
        redis.hang();

        StepVerifier.withVirtualTime(() -> cache.get(1))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(249))
            .thenAwait(Duration.ofMillis(1))
            .verifyComplete();
        StepVerifier.withVirtualTime(() -> cache.fill(ALICE))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(249))
            .thenAwait(Duration.ofMillis(1))
            .verifyComplete();
        assertThat(count("error")).isEqualTo(2);
    }

    @Test
    void aRedisThatAnswersAgainIsUsedAgain() {
        redis.failWith(new RedisConnectionException("Unable to connect to localhost:6379"));
        StepVerifier.create(cache.get(1)).verifyComplete();

        redis.recover();
        redis.set("user:1", codec.write(ALICE), Duration.ofHours(1));
        StepVerifier.create(cache.get(1).map(UserCacheTests::text)).expectNext(ALICE_JSON).verifyComplete();
    }

    private double count(String result) {
        return registry.get(UserCacheMetrics.NAME).tag("result", result).counter().count();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The cache as the service wires it: every write version-checked. */
    static UserCache userCache(InMemoryRedis redis, UserCacheCodec codec, UserCacheProperties properties,
            UserCacheMetrics metrics) {
        VersionedPuts puts = new VersionedPuts(redis.template(), codec, properties);
        return new UserCache(redis.template(), codec, properties, metrics, puts, puts);
    }

}
