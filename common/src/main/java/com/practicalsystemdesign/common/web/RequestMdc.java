package com.practicalsystemdesign.common.web;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Log lines written inside a request's pipeline, carrying its ids. Reactor puts the request's MDC
 * (request id and trace id, from {@link RequestIdWebFilter}) on the thread only inside the
 * {@code handle} and {@code tap} operators: context propagation is {@code limited}
 * (observability.ContextPropagationEnvironmentPostProcessor says why). A log call in
 * {@code doOnNext}, {@code map} or {@code switchIfEmpty} may run on a thread without them.
 */
public final class RequestMdc {

    private RequestMdc() {
    }

    /**
     * For {@code handle}: runs {@code action} with the request's MDC, then passes the value on.
     * @param action the side effect, usually a log line
     * @param <T> the type of the values
     * @return the handler
     */
    public static <T> BiConsumer<T, SynchronousSink<T>> peek(Consumer<? super T> action) {
        return (value, sink) -> {
            action.accept(value);
            sink.next(value);
        };
    }

    /**
     * Runs {@code action} with the request's MDC when subscribed, then completes empty: for
     * {@code switchIfEmpty} and {@code onErrorResume}.
     * @param action the side effect, usually a log line
     * @param <T> the type of the empty result
     * @return an empty Mono that runs the action
     */
    public static <T> Mono<T> run(Runnable action) {
        return Mono.just(action).handle((runnable, sink) -> {
            runnable.run();
            sink.complete();
        });
    }
}
