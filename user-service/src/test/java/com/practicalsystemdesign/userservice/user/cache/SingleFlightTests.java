package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class SingleFlightTests {

    private final SingleFlight<Long, String> flight = new SingleFlight<>();

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void concurrentLoadsOfOneKeyShareOneCall() {
        Sinks.One<String> row = Sinks.one();
        Supplier<Mono<String>> loader = counted(row.asMono());

        StepVerifier.create(Flux.range(0, 8).flatMap(i -> flight.load(1L, loader)))
            .then(() -> row.tryEmitValue("alice"))
            .expectNext("alice", "alice", "alice", "alice", "alice", "alice", "alice", "alice")
            .verifyComplete();

        assertThat(calls).hasValue(1);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void differentKeysLoadIndependently() {
        Supplier<Mono<String>> loader = counted(Mono.delay(Duration.ofMillis(20)).thenReturn("user"));

        StepVerifier.create(Flux.merge(flight.load(1L, loader), flight.load(2L, loader)))
            .expectNextCount(2)
            .verifyComplete();

        assertThat(calls).hasValue(2);
    }

    @Test
    void aLoadAfterTheFirstCompletedCallsTheLoaderAgain() {
        Supplier<Mono<String>> loader = counted(Mono.just("alice"));

        StepVerifier.create(flight.load(1L, loader).then(flight.load(1L, loader))).expectNext("alice").verifyComplete();

        assertThat(calls).hasValue(2);
    }

    @Test
    void emptyResultsAndFailuresAreSharedButNotRemembered() {
        Sinks.Empty<String> noRow = Sinks.empty();
        StepVerifier
            .create(Flux.merge(flight.load(1L, counted(noRow.asMono())), flight.load(1L, counted(Mono.just("unused")))))
            .then(noRow::tryEmitEmpty)
            .verifyComplete();
        StepVerifier.create(flight.load(2L, counted(Mono.error(new IllegalStateException("down")))))
            .verifyErrorMessage("down");

        assertThat(calls).hasValue(2);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void afterForgetNewCallersLoadAfreshAndTheOldLoadDoesNotEvictTheNewOne() {
        Sinks.One<String> rowBeforeWrite = Sinks.one();
        Sinks.One<String> rowAfterWrite = Sinks.one();
        CompletableFuture<String> oldLoad = flight.load(1L, counted(rowBeforeWrite.asMono())).toFuture();
        flight.forget(1L);
        CompletableFuture<String> newLoad = flight.load(1L, counted(rowAfterWrite.asMono())).toFuture();

        rowBeforeWrite.tryEmitValue("before write");

        assertThat(oldLoad).isCompletedWithValue("before write");
        assertThat(flight.inFlight()).as("the newer load is still shared").isEqualTo(1);
        rowAfterWrite.tryEmitValue("after write");
        assertThat(newLoad).isCompletedWithValue("after write");
        assertThat(calls).hasValue(2);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void callersOnManyThreadsAtOnceShareOneLoad() throws Exception {
        int callers = 64;
        Sinks.One<String> row = Sinks.one();
        Supplier<Mono<String>> loader = counted(row.asMono());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<CompletableFuture<String>>> subscribed = IntStream.range(0, callers)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return flight.load(1L, loader).toFuture();
                }, threads))
                .toList();
            start.countDown();
            List<CompletableFuture<String>> results = subscribed.stream().map(CompletableFuture::join).toList();
            row.tryEmitValue("alice");

            for (CompletableFuture<String> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("alice");
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(calls).hasValue(1);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void aFailureReachesEveryCallerOfTheSharedLoad() {
        StepVerifier.withVirtualTime(() -> {
            Supplier<Mono<String>> loader = counted(
                    Mono.delay(Duration.ofMillis(20)).then(Mono.error(new IllegalStateException("PostgreSQL down"))));
            return Flux.range(0, 4)
                .flatMap(i -> flight.load(1L, loader).onErrorResume(ex -> Mono.just("failed: " + ex.getMessage())));
        })
            .thenAwait(Duration.ofMillis(20))
            .expectNext("failed: PostgreSQL down", "failed: PostgreSQL down", "failed: PostgreSQL down",
                    "failed: PostgreSQL down")
            .verifyComplete();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aLoadAfterAFailureCallsTheLoaderAgainAndMaySucceed() {
        AtomicInteger attempt = new AtomicInteger();
        Supplier<Mono<String>> loader = counted(Mono.defer(() -> attempt.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("PostgreSQL down")) : Mono.just("alice")));

        StepVerifier.create(flight.load(1L, loader).onErrorResume(ex -> Mono.empty()).then(flight.load(1L, loader)))
            .expectNext("alice")
            .verifyComplete();
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCallerThatCancelsLeavesTheLoadToTheOthers() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            Supplier<Mono<String>> loader = counted(Mono.delay(Duration.ofMillis(100)).thenReturn("alice"));
            AtomicInteger cancelledGot = new AtomicInteger();
            Disposable impatient = flight.load(1L, loader).subscribe(value -> cancelledGot.incrementAndGet());
            CompletableFuture<String> patient = flight.load(1L, loader).toFuture();

            time.advanceTimeBy(Duration.ofMillis(50));
            impatient.dispose();
            CompletableFuture<String> late = flight.load(1L, loader).toFuture();
            time.advanceTimeBy(Duration.ofMillis(50));

            assertThat(patient).isCompletedWithValue("alice");
            assertThat(late).as("a caller after the cancellation still shares the load").isCompletedWithValue("alice");
            assertThat(cancelledGot).hasValue(0);
            assertThat(calls).hasValue(1);
            assertThat(flight.inFlight()).isZero();
        }
        finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void callersThatArriveWhileALoadIsSlowJoinIt() {
        StepVerifier.withVirtualTime(() -> {
            Supplier<Mono<String>> loader = counted(Mono.delay(Duration.ofSeconds(2)).thenReturn("alice"));
            return Flux.merge(flight.load(1L, loader), Mono.delay(Duration.ofSeconds(1)).then(flight.load(1L, loader)),
                    Mono.delay(Duration.ofMillis(1999)).then(flight.load(1L, loader)));
        })
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(1999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext("alice", "alice", "alice")
            .verifyComplete();
        assertThat(calls).hasValue(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> Supplier<Mono<T>> counted(Mono<T> result) {
        return () -> {
            calls.incrementAndGet();
            return result;
        };
    }

}
