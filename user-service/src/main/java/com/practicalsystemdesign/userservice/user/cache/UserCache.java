package com.practicalsystemdesign.userservice.user.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.stereotype.Component;

import com.practicalsystemdesign.common.web.RequestMdc;

/**
 * The Redis side of the users cache-aside: key {@code user:{id}}, the user as JSON, TTL
 * {@code cache.ttl-seconds}.
 *
 * <p>
 * <b>Why no write leaves a stale entry.</b> Deleting the key after a write is not enough:
 * a reader that missed just before the write may still hold the old row and put it back
 * after the delete, where it would stay for the whole TTL. So every row carries a
 * {@code version} that each update counts up, every entry carries the version it was read
 * at, and every write to a key goes through one Lua script
 * ({@code redis/put-if-newer.lua}) that compares and sets atomically, writing only an
 * entry newer than the cached one. A reader fills the key after a miss ({@link #fill}); a
 * writer, after its commit and before it answers, puts its new row there ({@link #put});
 * a delete puts a tombstone one version above the last row, which lives for
 * {@code cache.tombstone-ttl-seconds}. A late reader's old row is therefore always older
 * than what the writer left and is dropped. Readers treat a tombstone as a miss.
 *
 * <p>
 * <b>Redis is optional.</b> Every call is bounded by {@code cache.timeout}; a failure is
 * counted, and the request carries on from PostgreSQL. A writer whose put failed cannot
 * know whether an old entry survives in Redis (a partition, or a restart from a
 * snapshot). The durable record of that put is the write's own row in
 * {@link CacheOutbox}, which any instance's {@link CacheSweeper} finishes; this instance
 * also remembers the id, so that its own reads skip the cache until the put is no longer
 * owed (read-your-writes here, whatever Redis holds). A put that timed out on the client
 * may still run in Redis later; that is harmless, because it is version-checked like any
 * other.
 */
@Component
public class UserCache {

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);

    private final ReactiveRedisTemplate<String, byte[]> redis;

    private final UserCacheCodec codec;

    private final UserCacheProperties properties;

    private final UserCacheMetrics metrics;

    private final Clock clock;

    /**
     * Puts from this instance that did not reach Redis, by user id: the newest one's
     * version and when.
     */
    private final Map<Long, FailedPut> unsynced = new ConcurrentHashMap<>();

    private final AtomicBoolean redisAnswering = new AtomicBoolean(true);

    private final CacheLookupLog lookups;

    /** How requests' fills and puts reach Redis: {@link VersionedPuts}. */
    private final CacheWrites writes;

    private final VersionedPuts versionedPuts;

    UserCache(ReactiveRedisTemplate<String, byte[]> userCacheRedisTemplate, UserCacheCodec codec,
            UserCacheProperties properties, UserCacheMetrics metrics, CacheWrites writes, VersionedPuts versionedPuts) {
        this.redis = userCacheRedisTemplate;
        this.codec = codec;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
        this.lookups = new CacheLookupLog(properties.logLinesPerSecond(), clock);
        this.writes = writes;
        this.versionedPuts = versionedPuts;
    }

    static String key(long id) {
        return "user:" + id;
    }

    /**
     * On a hit, the user's JSON as the API answers it; empty on a miss, on a tombstone,
     * when Redis fails, and when Redis may still hold an entry older than a write made
     * here.
     */
    public Mono<byte[]> get(long id) {
        if (unsynced.containsKey(id)) {
            return missed(id);
        }
        // Named, so that a timeout says what did not answer (see UserRepository#bounded).
        return redis.opsForValue()
            .get(key(id))
            .name("user cache read")
            .timeout(properties.timeout())
            .doOnSuccess(entry -> answered())
            .mapNotNull(codec::userJson)
            .<byte[]>handle((user, sink) -> {
                metrics.hit();
                lookups.hit(id, sink.contextView());
                sink.next(user);
            })
            .switchIfEmpty(missed(id))
            .onErrorResume(ex -> failed("read", id, ex));
    }

    /**
     * A reader's fill after a miss: cached unless Redis holds this version or newer.
     * Never fails.
     */
    public Mono<Void> fill(CachedUser entry) {
        return writes.fill(entry)
            .doOnNext(written -> written(entry, written))
            .then()
            .onErrorResume(ex -> failed("fill", entry.id(), ex));
    }

    /**
     * A writer's put after its commit: the new row, or a tombstone. Never fails: true
     * when Redis holds this entry or a newer one; false when it did not take it, and the
     * id is remembered.
     */
    public Mono<Boolean> put(CachedUser entry) {
        return writes.put(entry).doOnNext(written -> written(entry, written)).thenReturn(true).onErrorResume(ex -> {
            remember(entry);
            return failed("put", entry.id(), ex).thenReturn(false);
        });
    }

    /**
     * The puts from this instance that did not reach Redis: their reads here skip the
     * cache.
     */
    Map<Long, FailedPut> failedPuts() {
        return Map.copyOf(unsynced);
    }

    /**
     * Reads of these ids use the cache again, since no update of them is owed any more
     * (another instance may have put it). A put failed here after {@code seen} was taken
     * stays. An id is also let go after one TTL, when any entry older than its write has
     * expired.
     */
    void synced(Map<Long, FailedPut> seen, Collection<Long> stillOwed) {
        seen.forEach((id, pending) -> {
            if (!stillOwed.contains(id)) {
                unsynced.remove(id, pending);
            }
        });
        Instant expired = clock.instant().minus(properties.ttl());
        unsynced.values().removeIf(pending -> pending.since().isBefore(expired));
    }

    /**
     * The sweeper's put, version-checked; fails when Redis does not answer in time.
     * Completes once Redis holds this entry or a newer one.
     */
    Mono<Void> write(CachedUser entry) {
        return versionedPuts.put(entry).doOnNext(written -> written(entry, written)).then();
    }

    /**
     * Redis now holds {@code entry} or something newer: an older failed put is settled.
     */
    private void written(CachedUser entry, boolean written) {
        answered();
        unsynced.computeIfPresent(entry.id(), (id, pending) -> pending.version() <= entry.version() ? null : pending);
        if (!written) {
            log.debug("Cache already holds a newer entry for user {} than version {}", entry.id(), entry.version());
        }
    }

    /** Counted as a failure like a request's own cache call; never fails. */
    Mono<Void> repairFailed(long id, Throwable ex) {
        return failed("repair", id, ex);
    }

    private void remember(CachedUser entry) {
        FailedPut failed = new FailedPut(entry.version(), clock.instant());
        unsynced.merge(entry.id(), failed,
                (pending, latest) -> pending.version() >= latest.version() ? pending : latest);
    }

    /**
     * A miss: counted, and logged with the request's ids unless this second's lines are
     * used up.
     */
    private Mono<byte[]> missed(long id) {
        return Mono.deferContextual(request -> {
            metrics.miss();
            lookups.miss(id, request);
            return Mono.empty();
        });
    }

    /** Whether Redis answered this instance's last call. */
    boolean answering() {
        return redisAnswering.get();
    }

    private void answered() {
        if (redisAnswering.compareAndSet(false, true)) {
            log.info("Redis answers again; the user cache is back in use");
        }
    }

    private <T> Mono<T> failed(String operation, long id, Throwable ex) {
        metrics.error();
        return RequestMdc.run(() -> {
            if (redisAnswering.compareAndSet(true, false)) {
                log.warn(
                        "CACHE ERROR: Redis {} of user {} failed ({}); serving users from PostgreSQL until Redis answers",
                        operation, id, ex.getClass().getSimpleName());
            }
            else {
                log.debug("CACHE ERROR: Redis {} of user {} failed", operation, id, ex);
            }
        });
    }

    record FailedPut(long version, Instant since) {
    }

}
