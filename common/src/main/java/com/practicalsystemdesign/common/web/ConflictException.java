package com.practicalsystemdesign.common.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request contradicts the current state, such as an email already in use: a 409
 * problem.
 */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String detail, Throwable cause) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), cause);
    }

}
