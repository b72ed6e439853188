package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class SingleFlightTests {

    private final SingleFlight<Long, String> flight = new SingleFlight<>();

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void concurrentLoadsOfOneKeyShareOneCall() {
        Supplier<Mono<String>> loader = counted(Mono.delay(Duration.ofMillis(50)).thenReturn("alice"));

        StepVerifier.create(Flux.range(0, 8).flatMap(i -> flight.load(1L, loader)))
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

        StepVerifier.create(flight.load(1L, loader).then(flight.load(1L, loader)))
            .expectNext("alice")
            .verifyComplete();

        assertThat(calls).hasValue(2);
    }

    @Test
    void emptyResultsAndFailuresAreSharedButNotRemembered() {
        StepVerifier.create(Flux.merge(flight.load(1L, counted(Mono.delay(Duration.ofMillis(20)).then(Mono.empty()))),
                flight.load(1L, counted(Mono.just("unused")))))
            .verifyComplete();
        StepVerifier.create(flight.load(2L, counted(Mono.error(new IllegalStateException("down")))))
            .verifyErrorMessage("down");

        assertThat(calls).hasValue(2);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void afterForgetNewCallersLoadAfreshAndTheOldLoadDoesNotEvictTheNewOne() {
        Mono<String> oldLoad = flight.load(1L, counted(Mono.delay(Duration.ofMillis(50)).thenReturn("before write")));
        Mono<Integer> inFlightAfterOldLoadFinished = oldLoad.then(Mono.delay(Duration.ofMillis(50)))
            .then(Mono.fromCallable(flight::inFlight));
        Mono<String> newLoad = Mono.delay(Duration.ofMillis(10))
            .doOnNext(tick -> flight.forget(1L))
            .then(flight.load(1L, counted(Mono.delay(Duration.ofMillis(300)).thenReturn("after write"))));

        StepVerifier.create(Mono.zip(inFlightAfterOldLoadFinished, newLoad))
            .assertNext(results -> {
                assertThat(results.getT1()).as("the newer load is still shared").isEqualTo(1);
                assertThat(results.getT2()).isEqualTo("after write");
            })
            .verifyComplete();
        assertThat(calls).hasValue(2);
    }

    private <T> Supplier<Mono<T>> counted(Mono<T> result) {
        return () -> {
            calls.incrementAndGet();
            return result;
        };
    }
}
