package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Finishes the cache updates that Redis still owes, whichever instance wrote them: every
 * {@code cache.repair-interval} it deletes the rows its writers settled, claims the due
 * rows of {@link CacheOutbox} (skipping those another instance holds), puts each user's
 * current state or tombstone, and settles what Redis took. A row is due
 * {@code cache.repair-grace} after its write, which is the writer's own time to settle
 * it, or at once when the writer's put failed. Claims that this instance cannot finish
 * (its Redis is away) are released at once for the others. While its Redis does not
 * answer, an instance claims a single row per round, as a probe.
 */
@Component
class CacheSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CacheSweeper.class);

    private static final int BATCH = 100;

    private final CacheOutbox owed;

    private final SettledOutboxRecords settled;

    private final UserCache cache;

    private final Duration interval;

    private volatile Disposable rounds;

    CacheSweeper(CacheOutbox owed, SettledOutboxRecords settled, UserCache cache, UserCacheProperties properties) {
        this.owed = owed;
        this.settled = settled;
        this.cache = cache;
        this.interval = properties.repairInterval();
    }

    /**
     * Rounds {@code cache.repair-interval} apart, each after the last one ended, so that
     * they never overlap.
     */
    @Override
    public void start() {
        rounds = Mono.defer(this::sweep).then(Mono.delay(interval)).repeat().subscribe();
    }

    @Override
    public void stop() {
        rounds.dispose();
    }

    @Override
    public boolean isRunning() {
        return rounds != null && !rounds.isDisposed();
    }

    /** One round; never fails. */
    Mono<Void> sweep() {
        // What writers settled goes first, so that none of it is claimed and put a second
        // time.
        return Mono
            .defer(() -> owed.settle(settled.drain())
                .onErrorResume(ex -> Mono.empty())
                .thenMany(Flux.defer(() -> owed.claimDue(cache.answering() ? BATCH : 1)))
                .collectList()
                .flatMap(this::putAll)
                .then(Mono.defer(this::forgetSettled)))
            .onErrorResume(ex -> {
                log.debug("Cache repair round failed", ex);
                return Mono.empty();
            });
    }

    /** Puts the claimed entries in turn; at the first failure the rest are released. */
    private Mono<Void> putAll(List<CachedUser> claimed) {
        if (claimed.isEmpty()) {
            return Mono.empty();
        }
        Map<Long, Long> written = new LinkedHashMap<>();
        return Flux.fromIterable(claimed)
            .concatMap(entry -> cache.write(entry).doOnSuccess(done -> written.put(entry.id(), entry.version())))
            .then()
            .onErrorResume(ex -> cache.repairFailed(claimed.get(written.size()).id(), ex)
                .then(Mono.defer(() -> owed.release(List.copyOf(claimed.subList(written.size(), claimed.size()))))))
            .then(Mono.defer(() -> owed.settle(written)));
    }

    /**
     * Ids whose put failed here but that no instance owes any more are read from the
     * cache again.
     */
    private Mono<Void> forgetSettled() {
        Map<Long, UserCache.FailedPut> unsynced = cache.failedPuts();
        if (unsynced.isEmpty()) {
            return Mono.empty();
        }
        return owed.stillOwed(unsynced.keySet()).doOnNext(stillOwed -> cache.synced(unsynced, stillOwed)).then();
    }

}
