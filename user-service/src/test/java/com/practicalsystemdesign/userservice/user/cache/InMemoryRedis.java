package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;
import org.springframework.data.redis.core.script.RedisScript;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A Redis double for the cache's unit tests: it keeps what was SET with its PX (also
 * through the put script, unchecked), or DEL removed, and answers GET from it on a clock
 * the test moves; {@link #failWith} and {@link #hang} stand for a Redis that errs or does
 * not answer. The version check of {@code put-if-newer.lua} needs real Redis
 * (UserCacheIT).
 */
public final class InMemoryRedis {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private final AtomicReference<Mono<?>> outage = new AtomicReference<>();

    private Duration now = Duration.ZERO;

    @SuppressWarnings("unchecked")
    public ReactiveRedisTemplate<String, byte[]> template() {
        ReactiveRedisTemplate<String, byte[]> template = mock(ReactiveRedisTemplate.class);
        ReactiveValueOperations<String, byte[]> values = mock(ReactiveValueOperations.class);
        given(template.opsForValue()).willReturn(values);
        given(values.get(anyString())).willAnswer(call -> answer(Mono.fromSupplier(() -> get(call.getArgument(0)))));
        given(values.set(anyString(), any(byte[].class), any(Duration.class)))
            .willAnswer(call -> answer(Mono.fromSupplier(() -> {
                set(call.getArgument(0), call.getArgument(1), call.getArgument(2));
                return true;
            })));
        given(template.delete(anyString()))
            .willAnswer(call -> answer(Mono.fromSupplier(() -> entries.remove(call.getArgument(0)) != null ? 1L : 0L)));
        given(template.execute(any(RedisScript.class), anyList(), anyList())).willAnswer(call -> {
            List<String> keys = call.getArgument(1);
            List<byte[]> args = call.getArgument(2);
            Duration ttl = Duration.ofMillis(Long.parseLong(new String(args.get(1), StandardCharsets.US_ASCII)));
            return Flux.from(answer(Mono.fromSupplier(() -> {
                set(keys.get(0), args.get(0), ttl);
                return true;
            })));
        });
        return template;
    }

    public void set(String key, byte[] value, Duration ttl) {
        entries.put(key, new Entry(value, now.plus(ttl)));
    }

    public boolean holds(String key) {
        return get(key) != null;
    }

    void advance(Duration time) {
        now = now.plus(time);
    }

    void failWith(RuntimeException error) {
        outage.set(Mono.error(error));
    }

    void hang() {
        outage.set(Mono.never());
    }

    void recover() {
        outage.set(null);
    }

    private byte[] get(String key) {
        Entry entry = entries.get(key);
        return entry == null || now.compareTo(entry.expiresAt()) >= 0 ? null : entry.value();
    }

    @SuppressWarnings("unchecked")
    private <T> Mono<T> answer(Mono<T> result) {
        return Mono.defer(() -> outage.get() != null ? (Mono<T>) outage.get() : result);
    }

    private record Entry(byte[] value, Duration expiresAt) {
    }

}
