package com.practicalsystemdesign.common.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.practicalsystemdesign.common.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WebFluxTest(controllers = ProblemFixtureController.class)
@ImportAutoConfiguration({ WebConventionsAutoConfiguration.class, ReactorAutoConfiguration.class })
@Import(ProblemFixtureController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsTests {

    private WebTestClient client;

    @Autowired
    void client(WebTestClient client) {
        // The first requests on a cold JVM may outlast the default 5 s on a busy machine.
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void returnsNotFoundProblemWhenResourceMissing() {
        expectProblem(client.get().uri("/things/404").exchange(), 404, "Not Found", "/things/404").jsonPath("$.detail")
            .isEqualTo("Thing 404 not found");
    }

    @Test
    void returnsConflictProblem() {
        expectProblem(client.get().uri("/things/409").exchange(), 409, "Conflict", "/things/409").jsonPath("$.detail")
            .isEqualTo("Thing 409 already exists");
    }

    @Test
    void returnsServiceUnavailableProblemNamingTheStoreButNotTheCause() {
        String body = client.get()
            .uri("/things/503")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).contains("PostgreSQL is temporarily unavailable").doesNotContain("secret-db-host");
    }

    @Test
    void hidesUnexpectedErrorsBehindAGenericProblem(CapturedOutput output) {
        String body = client.get()
            .uri("/things/500")
            .exchange()
            .expectStatus()
            .isEqualTo(500)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).contains("An unexpected error occurred")
            .doesNotContain("secret internals")
            .doesNotContain("IllegalStateException")
            .doesNotContain("at com.");
        assertThat(output.getOut()).contains("ERROR").contains("Unhandled error on GET /things/500");
    }

    @Test
    void aClientThatHungUpIsNoServerError(CapturedOutput output) {
        client.get().uri("/things/499").exchange();

        assertThat(output.getOut()).doesNotContain("Unhandled error on GET /things/499")
            .doesNotContain("AbortedException");
    }

    @Test
    void listsEveryInvalidFieldOfABody() {
        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\" \",\"count\":0}")
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(422)
            .jsonPath("$.errors.length()")
            .isEqualTo(2)
            .jsonPath("$.errors[?(@.field == 'name')].message")
            .isEqualTo("must not be blank")
            .jsonPath("$.errors[?(@.field == 'count')]")
            .exists();
    }

    @Test
    void rejectsMalformedJsonWithBadRequest() {
        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"x\",")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Request body is not valid JSON");
    }

    @Test
    void rejectsBodiesThatAreNotValidUtf8EvenWhereJacksonWouldDecodeThem() {
        byte[] overlongSlash = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', ',', '"',
                'c', 'o', 'u', 'n', 't', '"', ':', '1', '}' };
        byte[] encodedSurrogate = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                '"', ',', '"', 'c', 'o', 'u', 'n', 't', '"', ':', '1', '}' };

        for (byte[] body : new byte[][] { overlongSlash, encodedSurrogate }) {
            client.post()
                .uri("/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Request body is not valid JSON");
        }
        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Zoë 😀\",\"count\":1}".getBytes(StandardCharsets.UTF_8))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("Zoë 😀");
    }

    @Test
    void refusesPathParametersThatWouldOtherwiseBeCutOffTheId() {
        client.get()
            .uri("/things/7;DROP")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(400)
            .jsonPath("$.detail")
            .isEqualTo("Path parameters (;) are not supported");
        client.get().uri("/things/7%3BDROP").exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void rejectsWrongJsonTypesInsteadOfCoercingThem() {
        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": 42, \"count\": 1}")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'name'");

        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"x\", \"count\": \"5\"}")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'count'");
    }

    @Test
    void rejectsAMissingBody() {
        client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void rejectsUnsupportedContentTypes() {
        client.post()
            .uri("/things")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=x")
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        everyMemberOf(client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("name=x")
            .exchange()
            .expectStatus()
            .isEqualTo(415)).jsonPath("$.detail")
            .isEqualTo("Content-Type 'application/x-www-form-urlencoded' is not supported; send application/json");
    }

    @Test
    void everyFrameworkProblemCarriesAllFiveMembers() {
        everyMemberOf(client.get().uri("/nowhere").exchange().expectStatus().isNotFound());
        everyMemberOf(client.delete().uri("/things/1").exchange().expectStatus().isEqualTo(405));
        everyMemberOf(client.post()
            .uri("/things")
            .accept(MediaType.IMAGE_PNG)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"x\",\"count\":1}")
            .exchange()
            .expectStatus()
            .isEqualTo(406));
        everyMemberOf(client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":")
            .exchange()
            .expectStatus()
            .isBadRequest());
        everyMemberOf(client.post()
            .uri("/things")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"\",\"count\":1}")
            .exchange()
            .expectStatus()
            .isEqualTo(422));
    }

    private static WebTestClient.BodyContentSpec everyMemberOf(WebTestClient.ResponseSpec response) {
        return response.expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .isNotEmpty()
            .jsonPath("$.title")
            .isNotEmpty()
            .jsonPath("$.status")
            .isNumber()
            .jsonPath("$.detail")
            .isNotEmpty()
            .jsonPath("$.instance")
            .isNotEmpty();
    }

    @Test
    void reportsNonNumericPathValuesAsInvalidFields() {
        client.get()
            .uri("/things/abc")
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("id")
            .jsonPath("$.errors[0].message")
            .isEqualTo("must be a valid long");
    }

    @Test
    void reportsOutOfRangeQueryParameters() {
        client.get()
            .uri("/things?limit=0")
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("limit");
        client.get().uri("/things?limit=1000").exchange().expectStatus().isOk();
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        client.get()
            .uri("/nowhere")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .isEqualTo("about:blank")
            .jsonPath("$.instance")
            .isEqualTo("/nowhere");
        client.delete()
            .uri("/things/1")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * Also without the gateway, which sets it too: an answer, the 404 of no route, the
     * 400 of an earlier filter, the 405 of a method and a 500.
     */
    @Test
    void everyAnswerForbidsContentSniffing() {
        List.of(client.get().uri("/things/7"), client.get().uri("/nowhere"), client.get().uri("/things/7;x"),
                client.delete().uri("/things/7"), client.get().uri("/things/500"))
            .forEach(request -> request.exchange().expectHeader().valueEquals(NoSniffWebFilter.HEADER, "nosniff"));
    }

    @Test
    void echoesTheGatewaysRequestIdAndLogsIt(CapturedOutput output) {
        client.get()
            .uri("/things/7")
            .header(RequestIdWebFilter.HEADER, "req-abc-123")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(RequestIdWebFilter.HEADER, "req-abc-123");

        assertThat(output.getOut()).containsPattern("\\[req-abc-123,[0-9a-f]{32}\\].*looking up thing 7");
    }

    @Test
    void logsTheTraceIdOfTheGatewaysTraceparentNextToTheRequestId(CapturedOutput output) {
        client.get()
            .uri("/things/9")
            .header(RequestIdWebFilter.HEADER, "req-def-456")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .exchange()
            .expectStatus()
            .isOk();

        assertThat(output.getOut())
            .containsPattern("\\[req-def-456,4bf92f3577b34da6a3ce929d0e0e4736\\].*looking up thing 9");
    }

    @Test
    void replacesMissingOrUnsafeRequestIdsWithAGeneratedOne() {
        String generated = client.get()
            .uri("/things/8")
            .header(RequestIdWebFilter.HEADER, "bad id\nforged log line")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(RequestIdWebFilter.HEADER);

        assertThat(generated).matches("[0-9a-f-]{36}");
    }

}
