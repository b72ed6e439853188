package com.practicalsystemdesign.chatservice.chat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import reactor.util.retry.Retry;

/**
 * Waits between retries of work DynamoDB asked to be repeated (unprocessed batch items,
 * transaction conflicts): exponential from 20 ms, capped at 640 ms, jittered so that
 * contending requests spread out. At most {@link #MAX_RETRIES} retries (about 2.5 s in
 * all), then the request fails as "DynamoDB unavailable" and the client may retry it.
 */
final class Backoff {

    static final int MAX_RETRIES = 8;

    private static final Duration FIRST = Duration.ofMillis(20);

    private static final Duration MAX = Duration.ofMillis(640);

    private Backoff() {
    }

    /**
     * The wait before retry number {@code retry} (0-based): between half and all of the
     * exponential step.
     */
    static Duration delay(int retry) {
        long ceiling = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(retry, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** The same policy for a whole call that may be repeated as it is. */
    static Retry on(Predicate<Throwable> retryable) {
        return Retry.backoff(MAX_RETRIES, FIRST)
            .maxBackoff(MAX)
            .filter(retryable)
            .onRetryExhaustedThrow((spec, signal) -> DynamoDbErrors.unavailable(signal.failure()));
    }

}
