package com.practicalsystemdesign.common.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.practicalsystemdesign.common.web.ServerTiming.CacheOutcome;
import com.practicalsystemdesign.common.web.ServerTiming.Store;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTimingTests {

    private static final String MILLIS = "\\d+\\.\\d\\d";

    private final WebTestClient client = WebTestClient.bindToController(new TimedController())
        .webFilter(new ServerTimingWebFilter())
        .build();

    @Test
    void theHeaderNamesTheCacheOutcomeThenEachStoreUsedThenTheWholeHandling() {
        ServerTiming timing = new ServerTiming(0);
        timing.add(Store.POSTGRES, 1_870_000, 1);
        timing.add(Store.REDIS, 420_000, 1);
        timing.add(Store.DYNAMODB, 500_000, 1);
        timing.add(Store.DYNAMODB, 1_004_999, 1);
        ServerTiming.cache(reactor.util.context.Context.of(ServerTiming.class, timing), CacheOutcome.MISS);

        assertThat(timing.header(3_100_000)).isEqualTo(
                "cache;desc=\"miss\", redis;dur=0.42, postgres;dur=1.87, dynamodb;dur=1.50;desc=\"2 calls\", app;dur=3.10");
        assertThat(timing.cacheHeader()).isEqualTo("MISS");
    }

    @Test
    void millisecondsHaveTwoDecimals() {
        assertThat(millis(0)).isEqualTo("0.00");
        assertThat(millis(4_999)).isEqualTo("0.00");
        assertThat(millis(5_000)).isEqualTo("0.01");
        assertThat(millis(90_000)).isEqualTo("0.09");
        assertThat(millis(12_345_678_901L)).isEqualTo("12345.68");
    }

    @Test
    void anAnswerCarriesTheStoresItsRequestCalledAndTheCacheOutcome() {
        client.get()
            .uri("/cached")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueMatches(ServerTiming.HEADER,
                    "cache;desc=\"hit\", redis;dur=" + MILLIS + ", dynamodb;dur=" + MILLIS
                            + ";desc=\"2 calls\", app;dur=" + MILLIS)
            .expectHeader()
            .valueEquals(ServerTiming.CACHE_HEADER, "HIT");
    }

    @Test
    void anAnswerWithoutStoreCallsHasOnlyTheHandlingTimeAndNoCacheHeader() {
        client.get()
            .uri("/plain")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueMatches(ServerTiming.HEADER, "app;dur=" + MILLIS)
            .expectHeader()
            .doesNotExist(ServerTiming.CACHE_HEADER);
    }

    @Test
    void anErrorAnswerIsTimedToo() {
        client.get()
            .uri("/failing")
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectHeader()
            .valueMatches(ServerTiming.HEADER, "postgres;dur=" + MILLIS + ", app;dur=" + MILLIS);
    }

    @Test
    void aCallOutsideAnyRequestIsNotRecordedAndPassesThrough() {
        StepVerifier.create(Mono.just(1).transform(ServerTiming.timed(Store.REDIS))).expectNext(1).verifyComplete();
    }

    private static String millis(long nanos) {
        StringBuilder text = new StringBuilder();
        ServerTiming.appendMillis(text, nanos);
        return text.toString();
    }

    @RestController
    static class TimedController {

        @GetMapping("/cached")
        Mono<String> cached() {
            return Mono.just("{}")
                .transform(ServerTiming.timed(Store.REDIS))
                .transformDeferredContextual(
                        (answer, request) -> answer.doOnNext(json -> ServerTiming.cache(request, CacheOutcome.HIT)))
                .flatMap(json -> Flux.just(1, 2)
                    .transform(ServerTiming.timedCalls(Store.DYNAMODB))
                    .then(Mono.just(json)));
        }

        @GetMapping("/plain")
        Mono<String> plain() {
            return Mono.just("{}");
        }

        @GetMapping("/failing")
        Mono<String> failing() {
            return Mono.<String>error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE))
                .transform(ServerTiming.timed(Store.POSTGRES));
        }

    }

}
