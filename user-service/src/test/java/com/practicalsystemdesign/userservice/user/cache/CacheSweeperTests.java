package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.practicalsystemdesign.userservice.user.UserDatabaseProperties;

/**
 * The sweep that finishes what a partitioned or crashed writer left owed, on an outbox
 * kept in memory (the SQL of claims and leases is UserCacheIT's and ScaledOutCacheIT's)
 * and the Redis double: an owed update ends in Redis and leaves the outbox, a deleted
 * user becomes a tombstone, and while Redis fails nothing owed is lost.
 */
class CacheSweeperTests {

    private static final Instant CREATED_AT = Instant.parse("2026-11-25T06:17:01.123Z");

    private final InMemoryRedis redis = new InMemoryRedis();

    private final UserCacheCodec codec = new UserCacheCodec(JsonMapper.shared());

    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private final SettledOutboxRecords settled = new SettledOutboxRecords();

    private CacheSweeper repair;

    private UserCache cache;

    @BeforeEach
    void repair() {
        cache = UserCacheTests.userCache(redis, codec, cacheProperties(),
                new UserCacheMetrics(new SimpleMeterRegistry()));
        repair = new CacheSweeper(outbox, settled, cache, cacheProperties());
    }

    @Test
    void anUpdateItsWriterCouldNotPutEndsInRedisAndLeavesTheOutbox() {
        outbox.owe(user(1, "Alice Jones", 4));

        StepVerifier.create(repair.sweep()).verifyComplete();

        assertCached(1, "Alice Jones");
        assertThat(outbox.owed()).isEmpty();
    }

    @Test
    void aUserDeletedMeanwhileBecomesATombstoneThatReadersMiss() {
        outbox.owe(CachedUser.tombstone(2, 5));

        StepVerifier.create(repair.sweep()).verifyComplete();

        StepVerifier.create(cache.get(2)).verifyComplete();
        assertThat(outbox.owed()).isEmpty();
    }

    @Test
    void whatTheWritersPutThemselvesIsSettledWithoutAnotherPut() {
        outbox.owe(user(3, "Carol", 2));
        settled.add(3, 2);

        StepVerifier.create(repair.sweep()).verifyComplete();

        assertThat(outbox.owed()).isEmpty();
        assertThat(redis.holds("user:3")).as("no second put of what the writer put").isFalse();
    }

    @Test
    void whileRedisFailsNothingOwedIsLostAndTheNextSweepAfterItsReturnFinishesIt() {
        outbox.owe(user(1, "Alice Jones", 4));
        outbox.owe(user(2, "Bob Stone", 7));
        redis.failWith(new RedisConnectionException("Connection refused"));

        StepVerifier.create(repair.sweep()).verifyComplete();
        assertThat(outbox.owed()).containsOnlyKeys(1L, 2L);

        redis.recover();
        StepVerifier.create(repair.sweep()).verifyComplete();
        StepVerifier.create(repair.sweep()).verifyComplete();

        assertThat(outbox.owed()).isEmpty();
        assertCached(1, "Alice Jones");
        assertCached(2, "Bob Stone");
    }

    private void assertCached(long id, String name) {
        StepVerifier.create(cache.get(id).map(user -> new String(user.body(), StandardCharsets.UTF_8)))
            .assertNext(json -> assertThat(json).contains("\"name\":\"" + name + "\""))
            .verifyComplete();
    }

    private static CachedUser user(long id, String name, long version) {
        return new CachedUser(id, name, "user" + id + "@example.com", CREATED_AT, version, false);
    }

    private static UserCacheProperties cacheProperties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("cache.timeout", "250ms"))).bindOrCreate("cache",
                UserCacheProperties.class);
    }

    /**
     * The outbox table as the sweep sees it: rows owed per user with the state Redis must
     * take, claimed (taken out) until settled or released.
     */
    private static final class InMemoryOutbox extends CacheOutbox {

        private final Map<Long, CachedUser> rows = new LinkedHashMap<>();

        private final Map<Long, CachedUser> claimed = new HashMap<>();

        InMemoryOutbox() {
            super(mock(DatabaseClient.class), new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("database", UserDatabaseProperties.class), cacheProperties());
        }

        void owe(CachedUser entry) {
            rows.put(entry.id(), entry);
        }

        /** Every row not settled, claimed or not. */
        Map<Long, CachedUser> owed() {
            Map<Long, CachedUser> all = new HashMap<>(rows);
            all.putAll(claimed);
            return all;
        }

        @Override
        Flux<CachedUser> claimDue(int limit) {
            return Flux.defer(() -> {
                List<CachedUser> due = rows.values().stream().limit(limit).toList();
                due.forEach(entry -> claimed.put(entry.id(), rows.remove(entry.id())));
                return Flux.fromIterable(due);
            });
        }

        @Override
        Mono<Void> settle(Map<Long, Long> versionsById) {
            return Mono.fromRunnable(() -> versionsById.forEach((id, version) -> {
                rows.computeIfPresent(id, (key, row) -> row.version() <= version ? null : row);
                claimed.computeIfPresent(id, (key, row) -> row.version() <= version ? null : row);
            }));
        }

        @Override
        Mono<Void> release(Collection<CachedUser> entries) {
            return Mono.fromRunnable(() -> entries.forEach(entry -> rows.put(entry.id(), claimed.remove(entry.id()))));
        }

        @Override
        Mono<List<Long>> stillOwed(Collection<Long> ids) {
            return Mono.fromSupplier(() -> ids.stream().filter(owed()::containsKey).toList());
        }

    }

}
