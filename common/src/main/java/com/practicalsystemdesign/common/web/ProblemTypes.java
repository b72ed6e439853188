package com.practicalsystemdesign.common.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Problem types and details. Spring leaves {@code type} unset, and RFC 9457 reads an
 * absent type as {@code about:blank}; for some framework errors (415, 405, 406) it leaves
 * {@code detail} unset too. docs/api.md promises both members, so the services write them
 * out.
 */
final class ProblemTypes {

    /** RFC 9457: the problem has no meaning beyond its HTTP status. */
    static final URI BLANK = URI.create("about:blank");

    private ProblemTypes() {
    }

    static void applyDefault(ProblemDetail problem, ServerHttpRequest request) {
        if (problem.getType() == null) {
            problem.setType(BLANK);
        }
        if (problem.getDetail() == null) {
            problem.setDetail(defaultDetail(problem.getStatus(), request));
        }
    }

    /** What the client can do about it, in the words of the request it sent. */
    private static String defaultDetail(int status, ServerHttpRequest request) {
        return switch (status) {
            case 415 -> {
                MediaType sent = request.getHeaders().getContentType();
                yield (sent == null ? "A request body needs a Content-Type"
                        : "Content-Type '" + sent.getType() + "/" + sent.getSubtype() + "' is not supported")
                        + "; send application/json";
            }
            case 405 -> "Method " + request.getMethod().name() + " is not supported for " + request.getPath().value();
            case 406 -> "None of the media types in Accept can be produced; accept application/json";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Request failed with status " + status : known.getReasonPhrase();
            }
        };
    }

}
