package com.practicalsystemdesign.common.web;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The safety net behind {@link ProblemDetailsAdvice}: errors raised outside any
 * controller (in a web filter, or before a handler was chosen) also leave as
 * problem+json, never as Boot's whitelabel JSON or HTML.
 */
public class ProblemDetailsErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsErrorWebExceptionHandler.class);

    private final ServerResponse.Context responseContext;

    public ProblemDetailsErrorWebExceptionHandler(List<HttpMessageWriter<?>> messageWriters) {
        this.responseContext = new WritersOnlyContext(messageWriters);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = problemFor(ex, exchange);
        ProblemTypes.applyDefault(problem, exchange.getRequest());
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        return ServerResponse.status(problem.getStatus()).headers(headers -> {
            if (ex instanceof ErrorResponse response) {
                headers.addAll(response.getHeaders());
            }
        })
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyValue(problem)
            .flatMap(response -> response.writeTo(exchange, responseContext));
    }

    private static ProblemDetail problemFor(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ErrorResponse response) {
            return response.getBody();
        }
        log.error("Unhandled error on " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(),
                ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }

    private record WritersOnlyContext(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

        @Override
        public List<ViewResolver> viewResolvers() {
            return List.of();
        }
    }

}
