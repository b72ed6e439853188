package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Metadata that is valid JSON within 8 KiB but that DynamoDB cannot store: the same 422
 * problem, {@code errors:[{field, message}]}, that Bean Validation failures get.
 */
final class InvalidMetadataException extends ErrorResponseException {

    InvalidMetadataException(String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(message), null);
    }

    private static ProblemDetail problem(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Validation failed for 1 field");
        problem.setProperty("errors", List.of(Map.of("field", "metadata", "message", message)));
        return problem;
    }

}
