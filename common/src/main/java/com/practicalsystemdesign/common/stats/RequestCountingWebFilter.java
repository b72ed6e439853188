package com.practicalsystemdesign.common.stats;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts the requests {@code GET /stats} reports: every request to the API except
 * {@code /health} and {@code /stats}, which consoles and probes poll, so that polling
 * does not show up as traffic.
 */
class RequestCountingWebFilter implements WebFilter {

    private static final Set<String> POLLED = Set.of("/health", StatsController.PATH);

    private final LastMinuteCounter requests;

    RequestCountingWebFilter(LastMinuteCounter requests) {
        this.requests = requests;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!POLLED.contains(exchange.getRequest().getPath().value())) {
            requests.increment();
        }
        return chain.filter(exchange);
    }

}
