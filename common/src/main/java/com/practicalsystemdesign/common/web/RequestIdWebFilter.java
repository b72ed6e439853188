package com.practicalsystemdesign.common.web;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id: the gateway's {@code X-Request-ID} when it sent a sane one,
 * a fresh UUID otherwise. The id is echoed in the response and, through Reactor's
 * context, sits in the logging MDC of every line logged for the request
 * ({@link RequestMdc}), next to the request's trace id ({@link TraceIds}).
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-ID";

    public static final String MDC_KEY = "requestId";

    /**
     * Micrometer Tracing's key, so the trace id has one name whether spans are recorded
     * or not.
     */
    public static final String TRACE_ID_MDC_KEY = "traceId";

    /**
     * Anything else (too long, control characters, log-forging attempts) is replaced, not
     * logged.
     */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = requestId(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        Map<String, String> logged = Map.of(MDC_KEY, requestId, TRACE_ID_MDC_KEY, TraceIds.of(exchange));
        return chain.filter(exchange).contextWrite(RequestMdc.of(logged));
    }

    static String requestId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

}
