package com.practicalsystemdesign.userservice.user.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Collapses concurrent loads of one key into a single call: while a load for a key is in
 * flight, every further caller gets that load's result instead of starting its own (no
 * stampede on PostgreSQL when a popular entry expires). The entry is removed as the load
 * completes, so the next caller loads afresh.
 *
 * @param <K> the key
 * @param <V> the loaded value
 */
final class SingleFlight<K, V> implements MissLoads<K, V> {

    private final Map<K, Mono<V>> inFlight = new ConcurrentHashMap<>();

    /** The in-flight load of {@code key}, or a new one from {@code loader}. */
    @Override
    public Mono<V> load(K key, Supplier<Mono<V>> loader) {
        return Mono.defer(() -> inFlight.computeIfAbsent(key, k -> shared(k, loader)));
    }

    /**
     * Stops sharing the load in flight for {@code key}: a writer calls this after its
     * commit, so that nobody who starts reading after the write can get a value loaded
     * before it.
     */
    @Override
    public void forget(K key) {
        inFlight.remove(key);
    }

    int inFlight() {
        return inFlight.size();
    }

    private Mono<V> shared(K key, Supplier<Mono<V>> loader) {
        AtomicReference<Mono<V>> self = new AtomicReference<>();
        // Removed before the result reaches anyone, so whoever asks after it arrived
        // loads afresh.
        Mono<V> shared = Mono.defer(loader)
            .doOnTerminate(() -> inFlight.remove(key, self.get()))
            .doOnCancel(() -> inFlight.remove(key, self.get()))
            .cache();
        self.set(shared);
        return shared;
    }

}
