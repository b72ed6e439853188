package com.practicalsystemdesign.common.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.channel.AbortedException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.store.StoreUnavailableException;

/** A controller that fails in every way a service can, for the problem+json tests. */
@RestController
class ProblemFixtureController {

    private static final Logger log = LoggerFactory.getLogger(ProblemFixtureController.class);

    record Thing(@NotBlank String name, @Min(1) int count) {
    }

    @PostMapping("/things")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Thing> create(@Valid @RequestBody Thing thing) {
        return Mono.just(thing);
    }

    @GetMapping("/things")
    Mono<String> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Mono.just("limit=" + limit);
    }

    @GetMapping("/things/{id}")
    Mono<String> get(@PathVariable long id) {
        return Mono.just(id)
            .publishOn(Schedulers.parallel())
            .handle(RequestMdc.peek(value -> log.info("looking up thing {}", value)))
            .flatMap(ProblemFixtureController::outcome);
    }

    private static Mono<String> outcome(long id) {
        return switch ((int) id) {
            case 404 -> Mono.error(new ResourceNotFoundException("Thing", id));
            case 409 -> Mono.error(new ConflictException("Thing 409 already exists", null));
            case 503 -> Mono.error(new StoreUnavailableException("PostgreSQL",
                    new IllegalStateException("Connection refused: secret-db-host:5432")));
            case 500 -> Mono.error(new IllegalStateException("secret internals"));
            // What Reactor Netty raises when the client hung up before the answer.
            case 499 -> Mono.error(new AbortedException("Connection has been closed BEFORE send operation"));
            default -> Mono.just("thing " + id);
        };
    }

}
