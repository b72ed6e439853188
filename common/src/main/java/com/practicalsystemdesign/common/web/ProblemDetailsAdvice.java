package com.practicalsystemdesign.common.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every exception that reaches a controller into RFC 9457 problem+json. Framework
 * and domain exceptions that carry their own {@link ProblemDetail} keep it; the overrides
 * below only make client errors precise (which field, which value) and keep internals out
 * of the body.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldViolation> violations = ex.getFieldErrors().stream().map(ProblemDetailsAdvice::violation).toList();
        return validationProblem(ex, violations, headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldViolation> violations = ex.getParameterValidationResults()
            .stream()
            .flatMap(result -> result.getResolvableErrors()
                .stream()
                .map(error -> new FieldViolation(FieldNames.toSnakeCase(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage())))
            .toList();
        return validationProblem(ex, violations, headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
            String field = FieldNames.toSnakeCase(ex.getMethodParameter().getParameterName());
            String expected = mismatch.getRequiredType() == null ? "another type"
                    : mismatch.getRequiredType().getSimpleName().toLowerCase();
            return validationProblem(ex, List.of(new FieldViolation(field, "must be a valid " + expected)), headers,
                    exchange);
        }
        if (hasCause(ex, DataBufferLimitException.class)) {
            return problem(ex, HttpStatus.CONTENT_TOO_LARGE, "Request body is too large", headers, exchange);
        }
        return problem(ex, HttpStatus.BAD_REQUEST, bodyProblemDetail(ex), headers, exchange);
    }

    /**
     * Every problem this advice writes passes here, whichever handler built it: each
     * names its type.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            ProblemTypes.applyDefault(problem, exchange.getRequest());
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    /**
     * The last resort: log the cause here, tell the client nothing about it. A client
     * that hung up before its answer (every load test's last requests) is no server
     * error: one DEBUG line, and nothing to send.
     */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            return RequestMdc.run(() -> log.debug("Client went away before the answer to "
                    + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()));
        }
        return RequestMdc
            .run(() -> log.error(
                    "Unhandled error on " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(),
                    ex))
            .then(Mono.defer(() -> problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred",
                    new HttpHeaders(), exchange)));
    }

    private Mono<ResponseEntity<Object>> validationProblem(Exception ex, List<FieldViolation> violations,
            HttpHeaders headers, ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Validation failed for " + violations.size() + (violations.size() == 1 ? " field" : " fields"));
        body.setProperty("errors", violations.stream().map(FieldViolation::toMap).toList());
        return handleExceptionInternal(ex, body, headers, HttpStatus.UNPROCESSABLE_CONTENT, exchange);
    }

    private Mono<ResponseEntity<Object>> problem(Exception ex, HttpStatus status, String detail, HttpHeaders headers,
            ServerWebExchange exchange) {
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, exchange);
    }

    /**
     * Names the JSON field with the wrong type when Jackson can tell; never echoes
     * Jackson's message.
     */
    private static String bodyProblemDetail(ServerWebInputException ex) {
        if (!hasCause(ex, DecodingException.class) && !hasCause(ex, JacksonException.class)) {
            return ex.getReason() != null && ex.getReason().contains("body") ? "Request body is missing"
                    : "Invalid request";
        }
        DatabindException databind = findCause(ex, DatabindException.class);
        if (databind != null && !databind.getPath().isEmpty()) {
            return "Request body has a value of the wrong type at '" + jsonPath(databind) + "'";
        }
        return "Request body is not valid JSON";
    }

    private static String jsonPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static FieldViolation violation(FieldError error) {
        return new FieldViolation(FieldNames.toSnakeCase(error.getField()), error.getDefaultMessage());
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        return findCause(ex, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private record FieldViolation(String field, String message) {

        Map<String, String> toMap() {
            return Map.of("field", field, "message", message);
        }
    }

}
