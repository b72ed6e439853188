package com.practicalsystemdesign.userservice.lab;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.ReactiveRedisTemplate;

import com.practicalsystemdesign.userservice.user.cache.CacheWrites;
import com.practicalsystemdesign.userservice.user.cache.CachedUser;
import com.practicalsystemdesign.userservice.user.cache.InMemoryRedis;
import com.practicalsystemdesign.userservice.user.cache.MissLoads;
import com.practicalsystemdesign.userservice.user.cache.UserCacheCodec;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;
import com.practicalsystemdesign.userservice.user.cache.VersionedPuts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The labs' switches: each puts its anti-pattern in the pattern's place, and none is on
 * unless a lab sets it.
 */
class CacheLabTests {

    private static final CachedUser ALICE = new CachedUser(1, "Alice Smith", "alice@example.com",
            Instant.parse("2026-11-25T06:17:01.123Z"), 3, false);

    private final UserCacheCodec codec = mock(UserCacheCodec.class);

    CacheLabTests() {
        given(codec.write(any())).willAnswer(call -> JsonMapper.shared().writeValueAsBytes(call.getArgument(0)));
    }

    private final VersionedPuts versionedPuts = mock(VersionedPuts.class);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(CacheLabConfiguration.class)
        .withBean(VersionedPuts.class, () -> versionedPuts)
        .withBean("userCacheRedisTemplate", ReactiveRedisTemplate.class, () -> mock(ReactiveRedisTemplate.class))
        .withBean(UserCacheCodec.class, () -> codec)
        .withBean(UserCacheProperties.class, CacheLabTests::cacheProperties);

    @Test
    void withoutALabSwitchThePatternsBeansStay() {
        context.run(started -> {
            assertThat(started.getBean(CacheWrites.class)).isSameAs(versionedPuts);
            assertThat(started).doesNotHaveBean(MissLoads.class);
        });
    }

    @Test
    void theLabsDefaultsAreThePattern() {
        context
            .withPropertyValues("cache.invalidation=versioned-put", "cache.single-flight=true",
                    "cache.lab-fill-delay=0ms")
            .run(started -> {
                assertThat(started.getBean(CacheWrites.class)).isSameAs(versionedPuts);
                assertThat(started).doesNotHaveBean(MissLoads.class);
            });
    }

    @Test
    void deleteOnWriteTakesTheVersionedPutsPlace() {
        context.withPropertyValues("cache.invalidation=delete-on-write")
            .run(started -> assertThat(started.getBean(CacheWrites.class)).isInstanceOf(DeleteOnWrite.class));
    }

    @Test
    void aFillDelayHoldsTheFillsOfWhicheverWritesAreOn() {
        context.withPropertyValues("cache.lab-fill-delay=1s")
            .run(started -> assertThat(started.getBean(CacheWrites.class)).isInstanceOf(DelayedFills.class));
    }

    @Test
    void singleFlightOffLoadsEveryMissOnItsOwn() {
        context.withPropertyValues("cache.single-flight=false")
            .run(started -> assertThat(started.getBean(MissLoads.class)).isInstanceOf(UnsharedLoads.class));
    }

    @Test
    void withTheTextbookDeleteOnWriteALateFillPutsTheOldRowBackAfterTheWrite() {
        InMemoryRedis redis = new InMemoryRedis();
        DeleteOnWrite writes = new DeleteOnWrite(redis.template(), codec, cacheProperties());
        redis.set("user:1", codec.write(ALICE), Duration.ofHours(1));
        CachedUser renamed = new CachedUser(1, "Alice Jones", "alice@example.com", ALICE.createdAt(), 4, false);

        StepVerifier.create(writes.put(renamed)).expectNext(true).verifyComplete();
        assertThat(redis.holds("user:1")).isFalse();
        // A reader that loaded version 3 before the write fills after it, unchecked.
        StepVerifier.create(writes.fill(ALICE)).expectNextCount(1).verifyComplete();

        StepVerifier.create(redis.template().opsForValue().get("user:1"))
            .assertNext(entry -> assertThat(new String(entry, StandardCharsets.UTF_8)).contains("Alice Smith"))
            .verifyComplete();
    }

    @Test
    void aLabFillDelayHoldsTheFillButNotThePut() {
        InMemoryRedis redis = new InMemoryRedis();
        DelayedFills writes = new DelayedFills(new DeleteOnWrite(redis.template(), codec, cacheProperties()),
                Duration.ofSeconds(1));

        StepVerifier.withVirtualTime(() -> writes.fill(ALICE))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(999))
            .then(() -> assertThat(redis.holds("user:1")).isFalse())
            .thenAwait(Duration.ofMillis(1))
            .expectNextCount(1)
            .verifyComplete();
        assertThat(redis.holds("user:1")).isTrue();
        StepVerifier.create(writes.put(ALICE)).expectNext(true).verifyComplete();
    }

    private static UserCacheProperties cacheProperties() {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("cache",
                UserCacheProperties.class);
    }

}
