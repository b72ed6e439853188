package com.practicalsystemdesign.userservice.lab;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import com.practicalsystemdesign.userservice.user.cache.MissLoads;

/**
 * Every miss loads on its own, as the stampede lab shows: concurrent misses of one key
 * each reach the database.
 */
final class UnsharedLoads<K, V> implements MissLoads<K, V> {

    @Override
    public Mono<V> load(K key, Supplier<Mono<V>> loader) {
        return Mono.defer(loader);
    }

    @Override
    public void forget(K key) {
    }

}
