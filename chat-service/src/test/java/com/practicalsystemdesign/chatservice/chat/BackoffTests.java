package com.practicalsystemdesign.chatservice.chat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import com.practicalsystemdesign.common.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry policy of DynamoDB's "try again" answers, on virtual time. */
class BackoffTests {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void eachDelayIsBetweenHalfAndAllOfItsExponentialStepCappedAt640Milliseconds() {
        long[] steps = { 20, 40, 80, 160, 320, 640, 640, 640, 640, 640, 640, 640, 640 };
        for (int retry = 0; retry < steps.length; retry++) {
            for (int sample = 0; sample < 200; sample++) {
                assertThat(Backoff.delay(retry).toMillis()).as("retry %d", retry)
                    .isBetween(steps[retry] / 2, steps[retry]);
            }
        }
    }

    @Test
    void delaysAreJitteredSoContendingRequestsSpreadOut() {
        assertThat(IntStream.range(0, 50).mapToObj(i -> Backoff.delay(5)).distinct().count()).isGreaterThan(10);
    }

    @Test
    void aRetryableFailureIsRetriedAfterAWaitUntilItSucceeds() {
        StepVerifier.withVirtualTime(() -> failingTimes(2).retryWhen(Backoff.on(BackoffTests::isConflict)))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(19))
            .then(() -> assertThat(attempts).as("no retry before the first wait").hasValue(1))
            .thenAwait(Duration.ofSeconds(1))
            .expectNext("written")
            .verifyComplete();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anotherFailureIsNotRetried() {
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
            attempts.incrementAndGet();
            return Mono.<String>error(new IllegalArgumentException("invalid request"));
        }).retryWhen(Backoff.on(BackoffTests::isConflict))).expectErrorMessage("invalid request").verify();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void afterEightRetriesTheRequestFailsAsDynamoDbUnavailable() {
        StepVerifier
            .withVirtualTime(() -> failingTimes(Integer.MAX_VALUE).retryWhen(Backoff.on(BackoffTests::isConflict)))
            .expectSubscription()
            .thenAwait(Duration.ofSeconds(10))
            .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("DynamoDB")
                .hasCauseInstanceOf(TransactionConflictException.class))
            .verify();
        assertThat(attempts).hasValue(Backoff.MAX_RETRIES + 1);
    }

    @Test
    void aCancelledRequestStopsRetrying() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            Disposable request = failingTimes(Integer.MAX_VALUE).retryWhen(Backoff.on(BackoffTests::isConflict))
                .subscribe(value -> {
                }, error -> {
                });
            time.advanceTimeBy(Duration.ofMillis(100));
            int attemptsWhenCancelled = attempts.get();

            request.dispose();
            time.advanceTimeBy(Duration.ofSeconds(10));

            assertThat(attemptsWhenCancelled).isGreaterThan(1);
            assertThat(attempts).hasValue(attemptsWhenCancelled);
        }
        finally {
            VirtualTimeScheduler.reset();
        }
    }

    private static boolean isConflict(Throwable error) {
        return error instanceof TransactionConflictException;
    }

    /**
     * A write that loses a race with a transaction {@code failures} times, then succeeds.
     */
    private Mono<String> failingTimes(int failures) {
        return Mono.defer(() -> attempts.incrementAndGet() <= failures
                ? Mono.error(TransactionConflictException.builder().message("conflict").build())
                : Mono.just("written"));
    }

}
