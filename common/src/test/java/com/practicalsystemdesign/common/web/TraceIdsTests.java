package com.practicalsystemdesign.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without recorded spans, a request's trace id is its traceparent's, if that is valid
 * W3C, or a new one.
 */
class TraceIdsTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void takesTheTraceIdOfAValidTraceparent() {
        assertThat(TraceIds.of(exchange("00-" + TRACE_ID + "-00f067aa0ba902b7-01"))).isEqualTo(TRACE_ID);
        assertThat(TraceIds.of(exchange("00-" + TRACE_ID + "-00f067aa0ba902b7-00"))).isEqualTo(TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "01-" + TRACE_ID + "-00f067aa0ba902b7-01",
            "00-" + TRACE_ID + "-00f067aa0ba902b7-01\n[forged] log line", "00-" + TRACE_ID + "-00f067aa0ba902b7" })
    void makesANewTraceIdInsteadOfAnInvalidOne(String traceparent) {
        String traceId = TraceIds.of(exchange(traceparent));

        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
    }

    @Test
    void makesANewTraceIdPerRequestWithoutOne() {
        String first = TraceIds.of(exchange(null));
        String second = TraceIds.of(exchange(null));

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }

    private static MockServerWebExchange exchange(String traceparent) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/users/1");
        if (traceparent != null) {
            request.header(TraceIds.TRACEPARENT, traceparent);
        }
        return MockServerWebExchange.from(request);
    }

}
