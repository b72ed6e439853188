package com.practicalsystemdesign.userservice.user;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.User;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * As the service runs by default, with trace export off: the gateway's trace and request
 * ids are on the request's log lines, while no span is made.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIdsInLogsIT extends WithRealStores {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    private WebTestClient client;

    @Autowired
    private Tracer tracer;

    @Test
    void theGatewaysTraceIdAndRequestIdAreOnTheRequestsLogLines(CapturedOutput output) {
        User user = createUser(client, "Tracy Id", uniqueEmail("tracy"));

        client.get()
            .uri("/users/{id}", user.id())
            .header("X-Request-ID", "trace-ids-in-logs")
            .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
            .exchange()
            .expectStatus()
            .isOk();

        assertThat(output.getOut())
            .containsPattern("\\[trace-ids-in-logs," + TRACE_ID + "] .*CACHE (HIT|MISS) for user " + user.id() + "\\b");
    }

    @Test
    void makesNoSpansWhileNothingExportsThem() {
        assertThat(tracer).isSameAs(Tracer.NOOP);
    }

}
