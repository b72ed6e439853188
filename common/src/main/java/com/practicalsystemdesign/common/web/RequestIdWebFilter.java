package com.practicalsystemdesign.common.web;

import java.util.Map;
import java.util.UUID;

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

    private static final int MAX_LENGTH = 128;

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
        return isSafe(offered) ? offered : UUID.randomUUID().toString();
    }

    /**
     * 1 to 128 of {@code A-Z a-z 0-9 . _ : -}; anything else (too long, control
     * characters, log-forging attempts) is replaced, not logged. A loop rather than a
     * regular expression: it runs on every request.
     */
    static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '-';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

}
