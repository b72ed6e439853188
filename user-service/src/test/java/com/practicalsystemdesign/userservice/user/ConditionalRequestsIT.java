package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.practicalsystemdesign.common.model.User;

import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditional requests (docs/api.md) over HTTP on real PostgreSQL and Redis: the ETag
 * follows the row's version, a 304 from a cache hit makes no PostgreSQL query (seen in
 * its trace), and {@code If-Match} lets exactly one of two concurrent writers of one
 * version win. Traces are recorded as in {@link MetricsAndTracesIT}, whose context this
 * shares.
 */
@Import(MetricsAndTracesIT.RecordedSpans.class)
@TestPropertySource(properties = { "management.tracing.export.enabled=true",
        "management.tracing.export.otlp.enabled=false", "management.opentelemetry.tracing.export.schedule-delay=50ms" })
class ConditionalRequestsIT extends WithRealStores {

    @Autowired
    private WebTestClient client;

    @Autowired
    private InMemorySpanExporter spans;

    @LocalServerPort
    private int port;

    @Test
    void theETagIsTheVersionFromCreateThroughEveryUpdate() {
        long id = create("Etta", uniqueEmail("etta"), "\"0\"");

        client.get()
            .uri("/users/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("ETag", "\"0\"");
        update(id, null, "Etta Two").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        update(id, "\"1\"", "Etta Three").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        client.get()
            .uri("/users/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("ETag", "\"2\"");
    }

    @Test
    void aRevalidationThatTheCacheAnswersIsNotModifiedWithoutAPostgresQuery() {
        long id = create("Nora", uniqueEmail("nora"), "\"0\"");
        client.get().uri("/users/{id}", id).exchange().expectStatus().isOk();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + String.format("%04x", id % 0x10000);

        client.get()
            .uri("/users/{id}", id)
            .header(HttpHeaders.IF_NONE_MATCH, "\"0\"")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .exchange()
            .expectStatus()
            .isNotModified()
            .expectHeader()
            .valueEquals("ETag", "\"0\"")
            .expectBody()
            .isEmpty();

        // The server span ends after its children, so once it is exported they are too.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(span -> assertThat(span.getKind()).isEqualTo(SpanKind.SERVER)));
        // Redis's GET is there; R2DBC's "query" is not.
        assertThat(trace(traceId)).extracting(SpanData::getName)
            .as("spans of the 304")
            .contains("get")
            .doesNotContain("query");
    }

    @Test
    void aWriteWhoseIfMatchNamesAnOlderVersionIsRefusedAndChangesNothing() {
        long id = create("Olive", uniqueEmail("olive"), "\"0\"");
        update(id, "\"0\"", "Olive Won").expectStatus().isOk();

        update(id, "\"0\"", "Olive Lost").expectStatus()
            .isEqualTo(412)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("Precondition Failed")
            .jsonPath("$.detail")
            .isEqualTo("User " + id + " has changed since that version: its ETag is now \"1\", which If-Match does "
                    + "not name; GET it again before writing");
        client.put()
            .uri("/users/{id}", id)
            .header(HttpHeaders.IF_MATCH, "\"0\"")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isEqualTo(412);
        client.delete()
            .uri("/users/{id}", id)
            .header(HttpHeaders.IF_MATCH, "\"0\"")
            .exchange()
            .expectStatus()
            .isEqualTo(412);
        client.get()
            .uri("/users/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .value(user -> assertThat(user.name()).isEqualTo("Olive Won"));
    }

    @Test
    void aReadWhoseIfMatchNamesAnOlderVersionIsAPreconditionFailedProblem() {
        long id = create("Greta", uniqueEmail("greta"), "\"0\"");
        update(id, null, "Greta Two").expectStatus().isOk();

        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            client.method(method)
                .uri("/users/{id}", id)
                .header(HttpHeaders.IF_MATCH, "\"0\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.get()
            .uri("/users/{id}", id)
            .header(HttpHeaders.IF_MATCH, "\"1\"")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .value(user -> assertThat(user.name()).isEqualTo("Greta Two"));
    }

    @Test
    void ifMatchStarOnlyAsksThatTheUserExists() {
        long id = create("Stella", uniqueEmail("stella"), "\"0\"");

        update(id, "*", "Stella Two").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        client.delete().uri("/users/{id}", id).header(HttpHeaders.IF_MATCH, "*").exchange().expectStatus().isOk();
        update(id, "*", "Stella Three").expectStatus().isNotFound();
        client.delete()
            .uri("/users/{id}", id)
            .header(HttpHeaders.IF_MATCH, "\"1\"")
            .exchange()
            .expectStatus()
            .isNotFound();
    }

    @Test
    void aDeleteWithTheCurrentVersionDeletes() {
        long id = create("Dee", uniqueEmail("dee"), "\"0\"");
        update(id, null, "Dee Two").expectStatus().isOk();

        client.delete().uri("/users/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\"").exchange().expectStatus().isOk();
        client.get().uri("/users/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void ofTwoConcurrentWritersOfOneVersionExactlyOneWinsAndTheOtherIsRefused() {
        long id = create("Rita", uniqueEmail("rita"), "\"0\"");
        WebClient http = WebClient.create("http://localhost:" + port);
        Flux<Integer> statuses = Flux.range(0, 2)
            .flatMap(
                    writer -> http.put()
                        .uri("/users/{id}", id)
                        .header(HttpHeaders.IF_MATCH, "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "Writer " + writer))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                    2);

        StepVerifier.create(statuses.collectList()).assertNext(all -> {
            assertThat(Collections.frequency(all, 200)).as("200s in %s", all).isEqualTo(1);
            assertThat(Collections.frequency(all, 412)).as("412s in %s", all).isEqualTo(1);
        }).verifyComplete();
        client.get().uri("/users/{id}", id).exchange().expectHeader().valueEquals("ETag", "\"1\"");
    }

    private long create(String name, String email, String etag) {
        return client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "email", email))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("ETag", etag)
            .expectBody(User.class)
            .returnResult()
            .getResponseBody()
            .id();
    }

    private WebTestClient.ResponseSpec update(long id, String ifMatch, String name) {
        return client.put().uri("/users/{id}", id).headers(headers -> {
            if (ifMatch != null) {
                headers.set(HttpHeaders.IF_MATCH, ifMatch);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name)).exchange();
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

}
