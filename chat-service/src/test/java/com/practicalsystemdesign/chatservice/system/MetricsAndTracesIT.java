package com.practicalsystemdesign.chatservice.system;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

import com.practicalsystemdesign.common.testing.Management;
import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.testing.PrometheusSeries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a learner watches, after real requests on DynamoDB Local: per-operation timings
 * and outcomes of the DynamoDB calls next to the HTTP ones on /actuator/prometheus, and
 * one trace from the gateway's {@code traceparent} through the DynamoDB calls. Trace
 * export is switched on, with the spans going to memory instead of over OTLP.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(MetricsAndTracesIT.RecordedSpans.class)
@TestPropertySource(properties = { "management.tracing.export.enabled=true",
        "management.tracing.export.otlp.enabled=false", "management.opentelemetry.tracing.export.schedule-delay=50ms" })
class MetricsAndTracesIT extends DynamoDbLocalTest {

    @Autowired
    private InMemorySpanExporter spans;

    @Autowired
    private ChatTablesProperties tables;

    @LocalManagementPort
    private int managementPort;

    @Test
    void dynamoDbCallsAreMeasuredPerOperationAndOutcome() {
        Chat chat = createChat("Metrics " + UUID.randomUUID());
        addParticipants(chat.id(), List.of("metrics-a", "metrics-b"));
        // Already there: DynamoDB cancels the conditional transaction, a client error.
        addParticipants(chat.id(), List.of("metrics-a"));
        client.get().uri("/chats/{id}", chat.id()).exchange().expectStatus().isOk();

        // A request is counted just after its answer is sent, so a scrape right after it
        // may miss it: wait for the series rather than for a guessed time.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(Management.prometheus(managementPort))
                .containsPattern(
                        PrometheusSeries.of("dynamodb_client_requests_seconds_count", "application=\"chat-service\"",
                                "operation=\"PutItem\"", "outcome=\"SUCCESS\"", "error=\"none\""))
                .containsPattern(PrometheusSeries.of("dynamodb_client_requests_seconds_count",
                        "operation=\"TransactWriteItems\"", "outcome=\"SUCCESS\""))
                .containsPattern(PrometheusSeries.of("dynamodb_client_requests_seconds_count",
                        "operation=\"TransactWriteItems\"", "outcome=\"CLIENT_ERROR\"",
                        "error=\"TransactionCanceledException\""))
                .containsPattern(PrometheusSeries.of("dynamodb_client_requests_seconds_bucket", "operation=\"GetItem\"",
                        "le=\"[0-9.]+\""))
                .containsPattern(PrometheusSeries.of("http_server_requests_seconds_count",
                        "application=\"chat-service\"", "method=\"POST\"", "status=\"201\"", "uri=\"/chats\"")));
    }

    @Test
    void theGatewaysTraceGoesOnThroughDynamoDbAndIntoTheLog(CapturedOutput output) {
        String traceId = hex(16);
        String gatewaySpanId = hex(8);

        Chat chat = client.post()
            .uri("/chats")
            .header("traceparent", "00-" + traceId + "-" + gatewaySpanId + "-01")
            .bodyValue(Map.of("name", "Traced"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Chat.class)
            .returnResult()
            .getResponseBody();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(trace(traceId))
                .anySatisfy(span -> assertThat(span.getKind()).isEqualTo(SpanKind.SERVER))
                .anySatisfy(span -> assertThat(span.getName()).isEqualTo("DynamoDb.PutItem")));
        List<SpanData> trace = trace(traceId);
        SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData putItem = trace.stream()
            .filter(span -> span.getName().equals("DynamoDb.PutItem"))
            .findFirst()
            .orElseThrow();
        assertThat(server.getParentSpanId()).as("the gateway's span id, from traceparent").isEqualTo(gatewaySpanId);
        assertThat(putItem.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(putItem.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo(tables.chats());
        assertThat(output.getOut()).containsPattern("\\[[^,\\]]+," + traceId + "] .*Created chat " + chat.id());
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
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
