package com.practicalsystemdesign.common.store;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A store that the request needs did not answer in time. It maps to a 503 problem that
 * names the store and nothing else: the cause stays in the server log.
 */
public class StoreUnavailableException extends ErrorResponseException {

    public StoreUnavailableException(String store, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(store), cause);
    }

    private static ProblemDetail problem(String store) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                store + " is temporarily unavailable; retry shortly");
        problem.setTitle("Service Unavailable");
        return problem;
    }

}
