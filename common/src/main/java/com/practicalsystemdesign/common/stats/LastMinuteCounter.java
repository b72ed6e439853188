package com.practicalsystemdesign.common.stats;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count over the last {@value #WINDOW_SECONDS} seconds: a ring of per-second buckets,
 * each holding its second and its count in one {@code long}, so that a bucket is reused
 * for a new second and counted in one compare-and-set, without a lock or a timer.
 */
public final class LastMinuteCounter {

    public static final int WINDOW_SECONDS = 60;

    private static final long COUNT_BITS = 32;

    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final AtomicLongArray buckets = new AtomicLongArray(WINDOW_SECONDS);

    private final Clock clock;

    public LastMinuteCounter() {
        this(Clock.systemUTC());
    }

    LastMinuteCounter(Clock clock) {
        this.clock = clock;
    }

    public void increment() {
        long second = second();
        int index = (int) (second % WINDOW_SECONDS);
        while (true) {
            long bucket = buckets.get(index);
            long next = (bucket >>> COUNT_BITS == second) ? bucket + 1 : (second << COUNT_BITS) | 1;
            if (buckets.compareAndSet(index, bucket, next)) {
                return;
            }
        }
    }

    /** The count of the current second and the {@code WINDOW_SECONDS - 1} before it. */
    public long sum() {
        long now = second();
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            long bucket = buckets.get(i);
            if (now - (bucket >>> COUNT_BITS) < WINDOW_SECONDS) {
                sum += bucket & COUNT_MASK;
            }
        }
        return sum;
    }

    /** Seconds since the epoch: fits the 32 bits a bucket has for it until 2106. */
    private long second() {
        return clock.millis() / 1000;
    }

}
