package com.practicalsystemdesign.common.testing;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every problem+json of docs/api.md has, asserted on a WebTestClient response: the
 * content type and all five members; callers that know the {@code detail} assert it too.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem with this status, title and instance, and some detail. */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status,
            String title, String instance) {
        return response.expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .isEqualTo("about:blank")
            .jsonPath("$.title")
            .isEqualTo(title)
            .jsonPath("$.status")
            .isEqualTo(status)
            .jsonPath("$.detail")
            .isNotEmpty()
            .jsonPath("$.instance")
            .isEqualTo(instance);
    }

    /** A 422 whose {@code errors} name exactly this field, each with a message. */
    public static WebTestClient.BodyContentSpec expectValidationProblem(WebTestClient.ResponseSpec response,
            String instance, String field) {
        return expectProblem(response, 422, "Unprocessable Content", instance).jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail).startsWith("Validation failed for "))
            .jsonPath("$.errors[*].field")
            .value(List.class, fields -> assertThat(fields).isNotEmpty().containsOnly(field))
            .jsonPath("$.errors[0].message")
            .isNotEmpty();
    }

}
