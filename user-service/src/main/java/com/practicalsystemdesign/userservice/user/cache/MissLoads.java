package com.practicalsystemdesign.userservice.user.cache;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * How the misses of one key load it from the database: {@link SingleFlight} shares one
 * load among all concurrent misses.
 *
 * @param <K> the key
 * @param <V> the loaded value
 */
public interface MissLoads<K, V> {

    /** The value of {@code key}, from {@code loader} or from a load already in flight. */
    Mono<V> load(K key, Supplier<Mono<V>> loader);

    /**
     * A writer committed: whoever reads {@code key} from now on must not get a value
     * loaded before.
     */
    void forget(K key);

}
