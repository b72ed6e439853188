package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.Management;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.testing.PrometheusSeries;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a learner watches, after real requests on real PostgreSQL and Redis: the metrics
 * on /actuator/prometheus with the tags the dashboard reads, and one trace from the
 * gateway's {@code traceparent} through the Redis and PostgreSQL calls. Trace export is
 * switched on, with the spans going to memory instead of over OTLP.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(MetricsAndTracesIT.RecordedSpans.class)
@TestPropertySource(properties = { "management.tracing.export.enabled=true",
        "management.tracing.export.otlp.enabled=false", "management.opentelemetry.tracing.export.schedule-delay=50ms" })
class MetricsAndTracesIT extends WithRealStores {

    @Autowired
    private WebTestClient client;

    @Autowired
    private InMemorySpanExporter spans;

    @LocalManagementPort
    private int managementPort;

    @Test
    void requestsCacheLookupsAndStoreCallsAreMeasuredWithTheirTags() {
        User user = create();
        get(user.id(), null).expectStatus().isOk();
        get(user.id(), null).expectStatus().isOk();
        get(Long.MAX_VALUE, null).expectStatus().isNotFound();

        // A request is counted just after its answer is sent, so a scrape right after it
        // may miss it: wait for the series rather than for a guessed time.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(Management.prometheus(managementPort))
                .containsPattern(
                        PrometheusSeries.of("http_server_requests_seconds_count", "application=\"user-service\"",
                                "method=\"GET\"", "outcome=\"SUCCESS\"", "status=\"200\"", "uri=\"/users/\\{id}\""))
                .containsPattern(PrometheusSeries.of("http_server_requests_seconds_count", "status=\"404\"",
                        "uri=\"/users/\\{id}\""))
                .containsPattern(PrometheusSeries.of("http_server_requests_seconds_bucket", "uri=\"/users/\\{id}\"",
                        "le=\"[0-9.]+\""))
                .containsPattern(PrometheusSeries.of("cache_requests_total", "cache=\"users\"", "result=\"hit\""))
                .containsPattern(PrometheusSeries.of("cache_requests_total", "cache=\"users\"", "result=\"miss\""))
                .containsPattern(PrometheusSeries.of("cache_requests_total", "cache=\"users\"", "result=\"error\""))
                .containsPattern(PrometheusSeries.of("lettuce_seconds_count", "db_operation=\"GET\"", "error=\"none\""))
                .containsPattern(PrometheusSeries.of("r2dbc_query_seconds_count", "error=\"none\""))
                .containsPattern(PrometheusSeries.of("r2dbc_pool_acquired_connections", "name=\"connectionFactory\""))
                .containsPattern(
                        PrometheusSeries.of("r2dbc_pool_max_allocated_connections", "name=\"connectionFactory\"")));
    }

    @Test
    void theGatewaysTraceGoesOnThroughRedisAndPostgresAndIntoTheLog(CapturedOutput output) {
        String traceId = hex(16);
        String gatewaySpanId = hex(8);
        String traceparent = "00-" + traceId + "-" + gatewaySpanId + "-01";

        // Two requests of one trace: the create writes to PostgreSQL, the read asks Redis
        // first.
        User user = create(traceparent);
        get(user.id(), traceparent).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(span -> assertThat(span.getKind()).isEqualTo(SpanKind.SERVER))
                .anySatisfy(span -> assertThat(span.getAttributes().get(AttributeKey.stringKey("db.system")))
                    .isEqualTo("redis"))
                .anySatisfy(span -> assertThat(span.getName()).isEqualTo("query")));
        List<SpanData> trace = trace(traceId);
        List<String> servers = trace.stream()
            .filter(span -> span.getKind() == SpanKind.SERVER)
            .map(SpanData::getSpanId)
            .toList();
        assertThat(trace).filteredOn(span -> span.getKind() == SpanKind.SERVER)
            .hasSize(2)
            .allSatisfy(server -> assertThat(server.getParentSpanId()).as("the gateway's span id, from traceparent")
                .isEqualTo(gatewaySpanId));
        assertThat(trace).filteredOn(span -> span.getKind() != SpanKind.SERVER)
            .allSatisfy(span -> assertThat(servers).as("the request spans").contains(span.getParentSpanId()));
        assertThat(output.getOut())
            .containsPattern("\\[[^,\\]]+," + traceId + "] .*CACHE (HIT|MISS) for user " + user.id() + "\\b");
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private User create() {
        return create(null);
    }

    private User create(String traceparent) {
        return createUser(client.mutate().defaultHeaders(headers -> {
            if (traceparent != null) {
                headers.set("traceparent", traceparent);
            }
        }).build(), "Olly Servable", uniqueEmail("olly"));
    }

    private WebTestClient.ResponseSpec get(long id, String traceparent) {
        return client.get().uri("/users/{id}", id).headers(headers -> {
            if (traceparent != null) {
                headers.set("traceparent", traceparent);
            }
        }).exchange();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordedSpans {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

    }

}
