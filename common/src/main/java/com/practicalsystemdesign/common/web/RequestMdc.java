package com.practicalsystemdesign.common.web;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.context.ReactorContextAccessor;

/**
 * Log lines written inside a request's pipeline, carrying its ids (request id and trace
 * id, from {@link RequestIdWebFilter}). The ids travel in the request's Reactor context
 * and are put into the logging MDC only around these log calls.
 *
 * <p>
 * The MDC's accessor is in a registry of its own, not in the global
 * {@code ContextRegistry}: Reactor restores every globally registered value at each
 * element that passes a {@code handle} or {@code tap}, and R2DBC and Spring's
 * {@code DatabaseClient} have several of them per row: a page of 100 users would set and
 * clear the MDC hundreds of times. So a log call elsewhere in a request (a library's, or
 * one in {@code doOnNext}) has no request id; every log line of ours goes through here.
 */
public final class RequestMdc {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder()
        .contextRegistry(
                new ContextRegistry().registerContextAccessor(new ReactorContextAccessor())
                    .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(RequestIdWebFilter.MDC_KEY,
                            RequestIdWebFilter.TRACE_ID_MDC_KEY)))
        .build();

    private RequestMdc() {
    }

    /**
     * The request's MDC values, for the Reactor context of its whole pipeline.
     * @param values MDC keys and values
     * @return a context holding them
     */
    static Context of(Map<String, String> values) {
        return Context.of(Slf4jThreadLocalAccessor.KEY, values);
    }

    /**
     * For {@code handle}: runs {@code action} with the request's MDC, then passes the
     * value on.
     * @param action the side effect, usually a log line
     * @param <T> the type of the values
     * @return the handler
     */
    public static <T> BiConsumer<T, SynchronousSink<T>> peek(Consumer<? super T> action) {
        return (value, sink) -> {
            log(sink.contextView(), () -> action.accept(value));
            sink.next(value);
        };
    }

    /**
     * Runs {@code action} with the request's MDC when subscribed, then completes empty:
     * for {@code switchIfEmpty} and {@code onErrorResume}.
     * @param action the side effect, usually a log line
     * @param <T> the type of the empty result
     * @return an empty Mono that runs the action
     */
    public static <T> Mono<T> run(Runnable action) {
        return Mono.deferContextual(context -> {
            log(context, action);
            return Mono.empty();
        });
    }

    /**
     * Runs {@code logging} with the MDC of the request whose context {@code request} is:
     * for code that first decides whether to log at all, since putting the MDC in place
     * costs even when nothing is written.
     * @param request the request's Reactor context, such as a {@code SynchronousSink}'s
     * @param logging the log call
     */
    public static void log(ContextView request, Runnable logging) {
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(request, Slf4jThreadLocalAccessor.KEY)) {
            logging.run();
        }
    }

}
