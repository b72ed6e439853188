package com.practicalsystemdesign.common.web;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Where one request's time went, for its {@code Server-Timing} header (W3C Server
 * Timing): the cache outcome, the time spent in each store and the number of calls, and
 * the whole handling time. {@link ServerTimingWebFilter} creates one per request and puts
 * it in the request's Reactor context, where the store calls find it; a call made outside
 * any request (a background sweep) is not recorded. Times are taken with
 * {@link System#nanoTime()}.
 */
public final class ServerTiming {

    /** The stores, by their metric names in the header. */
    public enum Store {

        REDIS("redis"), POSTGRES("postgres"), DYNAMODB("dynamodb");

        private final String metric;

        Store(String metric) {
            this.metric = metric;
        }

    }

    /** A cache read's outcome: {@code bypass} when the cache failed or was skipped. */
    public enum CacheOutcome {

        HIT("hit"), MISS("miss"), BYPASS("bypass");

        private final String description;

        CacheOutcome(String description) {
            this.description = description;
        }

    }

    public static final String HEADER = "Server-Timing";

    public static final String CACHE_HEADER = "X-Cache";

    private static final Store[] STORES = Store.values();

    private final long start;

    private final long[] nanos = new long[STORES.length];

    private final int[] calls = new int[STORES.length];

    private volatile CacheOutcome cache;

    ServerTiming(long start) {
        this.start = start;
    }

    /**
     * Times each subscription to a store call and adds it to the request's timing, if
     * there is one.
     * @param store the store called
     * @param <T> the call's result
     * @return for {@code Mono.transform}
     */
    public static <T> Function<Mono<T>, Mono<T>> timed(Store store) {
        return call -> Mono.deferContextual(context -> {
            ServerTiming timing = context.getOrDefault(ServerTiming.class, null);
            if (timing == null) {
                return call;
            }
            long started = System.nanoTime();
            // On the terminal signal, before it travels on and the answer may be
            // committed.
            return call.doOnTerminate(() -> timing.add(store, System.nanoTime() - started, 1));
        });
    }

    /**
     * Like {@link #timed(Store)} for a sequence in which each element is the answer to
     * one call (the pages of a query).
     * @param store the store called
     * @param <T> one call's answer
     * @return for {@code Flux.transform}
     */
    public static <T> Function<Flux<T>, Publisher<T>> timedCalls(Store store) {
        return answers -> Flux.deferContextual(context -> {
            ServerTiming timing = context.getOrDefault(ServerTiming.class, null);
            if (timing == null) {
                return answers;
            }
            long started = System.nanoTime();
            int[] count = new int[1];
            return answers.doOnNext(answer -> count[0]++)
                .doOnTerminate(() -> timing.add(store, System.nanoTime() - started, Math.max(1, count[0])));
        });
    }

    /**
     * Records the outcome of the request's cache read, which the answer then states.
     * @param request the request's Reactor context
     * @param outcome hit, miss or bypass
     */
    public static void cache(ContextView request, CacheOutcome outcome) {
        ServerTiming timing = request.getOrDefault(ServerTiming.class, null);
        if (timing != null) {
            timing.cache = outcome;
        }
    }

    synchronized void add(Store store, long elapsed, int count) {
        nanos[store.ordinal()] += elapsed;
        calls[store.ordinal()] += count;
    }

    /** {@code HIT}, {@code MISS} or {@code BYPASS}; null when no cache was read. */
    String cacheHeader() {
        CacheOutcome outcome = cache;
        return (outcome != null) ? outcome.name() : null;
    }

    /**
     * The header's value, {@code app} ending now; a metric appears only when it happened.
     */
    synchronized String header(long now) {
        StringBuilder header = new StringBuilder(96);
        CacheOutcome outcome = cache;
        if (outcome != null) {
            header.append("cache;desc=\"").append(outcome.description).append("\", ");
        }
        for (Store store : STORES) {
            int count = calls[store.ordinal()];
            if (count > 0) {
                header.append(store.metric).append(";dur=");
                appendMillis(header, nanos[store.ordinal()]);
                if (store == Store.DYNAMODB) {
                    header.append(";desc=\"").append(count).append(" calls\"");
                }
                header.append(", ");
            }
        }
        header.append("app;dur=");
        appendMillis(header, now - start);
        return header.toString();
    }

    /** Milliseconds with two decimals, without the cost of a formatter. */
    static void appendMillis(StringBuilder text, long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        text.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }

}
