package com.practicalsystemdesign.common.web;

import java.net.URI;

import org.springframework.http.ProblemDetail;

/**
 * Problem types. Spring leaves {@code type} unset, and RFC 9457 reads an absent type as
 * {@code about:blank}; docs/api.md promises the member, so the services write it out.
 */
final class ProblemTypes {

    /** RFC 9457: the problem has no meaning beyond its HTTP status. */
    static final URI BLANK = URI.create("about:blank");

    private ProblemTypes() {
    }

    static void applyDefault(ProblemDetail problem) {
        if (problem.getType() == null) {
            problem.setType(BLANK);
        }
    }
}
