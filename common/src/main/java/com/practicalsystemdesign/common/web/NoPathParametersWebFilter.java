package com.practicalsystemdesign.common.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a path with a literal {@code ;} in it (a 400). WebFlux reads {@code ;} as the
 * start of path parameters (matrix variables) and matches {@code /users/1;DROP} as
 * {@code /users/1}; no endpoint uses them, and a gateway that decodes {@code %3B} before
 * proxying (nginx does) would otherwise turn a DELETE of the user "1;DROP", which cannot
 * exist, into a DELETE of user 1. An encoded {@code %3B} that reaches the service stays
 * part of the value, as it should.
 */
public class NoPathParametersWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // Right after the request id, so the refusal is logged and answered with it.
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().indexOf(';') >= 0) {
            return Mono.error(new ServerWebInputException("Path parameters (;) are not supported"));
        }
        return chain.filter(exchange);
    }

}
