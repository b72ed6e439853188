package com.practicalsystemdesign.common.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer, so that a browser reads a
 * service's JSON as JSON also when it is called on its own port, without the gateway
 * (which sets the header too and hides this copy). Spring Security's header writers would
 * do it, but the services have no Spring Security; the header is set before the chain
 * runs, so problem+json answers from any later filter or handler carry it too.
 */
public class NoSniffWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Content-Type-Options";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().getHeaders().set(HEADER, "nosniff");
        return chain.filter(exchange);
    }

}
