package com.practicalsystemdesign.common.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The addressed resource does not exist: a 404 problem naming it. */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String resource, Object id) {
        super(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, resource + " " + id + " not found"), null);
    }

}
