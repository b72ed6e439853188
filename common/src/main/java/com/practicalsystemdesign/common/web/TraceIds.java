package com.practicalsystemdesign.common.web;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id on a request's log lines. While spans are recorded (trace export on), it
 * is the id of the request's span, the one Micrometer Tracing logs too. Otherwise no span
 * is made at all (observability.TracingAutoConfiguration), and it is the trace id of the
 * gateway's W3C {@code traceparent}, or a new one for a request that came without.
 */
final class TraceIds {

    static final String TRACEPARENT = "traceparent";

    /**
     * Version 00 of W3C Trace Context: 00-{trace id}-{parent span id}-{flags}, lower-case
     * hex.
     */
    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final String INVALID = "0".repeat(32);

    private TraceIds() {
    }

    static String of(ServerWebExchange exchange) {
        return recordedSpanTraceId(exchange)
            .or(() -> fromTraceparent(exchange.getRequest().getHeaders().getFirst(TRACEPARENT)))
            .orElseGet(TraceIds::newTraceId);
    }

    /**
     * Micrometer Tracing's span of this request; a no-op span (nothing recorded) has an
     * empty id.
     */
    private static Optional<String> recordedSpanTraceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
            .map(context -> context.<TracingObservationHandler.TracingContext>get(
                    TracingObservationHandler.TracingContext.class))
            .map(TracingObservationHandler.TracingContext::getSpan)
            .map(span -> span.context().traceId())
            .filter(traceId -> !traceId.isEmpty());
    }

    static Optional<String> fromTraceparent(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Matcher header = VERSION_00.matcher(traceparent);
        return header.matches() && !header.group(1).equals(INVALID) ? Optional.of(header.group(1)) : Optional.empty();
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

}
