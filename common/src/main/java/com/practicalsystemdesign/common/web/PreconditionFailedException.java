package com.practicalsystemdesign.common.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A conditional request ({@code If-Match}) found the resource changed since the client
 * read it: a 412 problem, so that the client reads again instead of overwriting a change
 * it never saw.
 */
public class PreconditionFailedException extends ErrorResponseException {

    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, detail),
                null);
    }

}
