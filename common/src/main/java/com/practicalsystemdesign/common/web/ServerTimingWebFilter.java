package com.practicalsystemdesign.common.web;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Says on every answer where its time went: {@code Server-Timing} (the cache outcome,
 * each store's time, {@code app} for the whole handling) and, when the request read the
 * cache, {@code X-Cache}. The headers are written just before the response is committed,
 * so problem+json answers carry them too.
 */
public class ServerTimingWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // Right after the request id, so an error in any later filter is timed too.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerTiming timing = new ServerTiming(System.nanoTime());
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> addHeaders(exchange, timing)));
        return chain.filter(exchange).contextWrite(Context.of(ServerTiming.class, timing));
    }

    private static void addHeaders(ServerWebExchange exchange, ServerTiming timing) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(ServerTiming.HEADER, timing.header(System.nanoTime()));
        String cache = timing.cacheHeader();
        if (cache != null) {
            headers.set(ServerTiming.CACHE_HEADER, cache);
        }
    }

}
