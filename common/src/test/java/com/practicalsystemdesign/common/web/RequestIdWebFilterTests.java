package com.practicalsystemdesign.common.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdWebFilterTests {

    @ParameterizedTest
    @ValueSource(strings = { "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "a", "req-1.2_3:4", "Z" })
    void aSafeIdFromTheGatewayOrTheClientIsKept(String offered) {
        assertThat(RequestIdWebFilter.requestId(offered)).isEqualTo(offered);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "two words", "line\nbreak", "tab\t", "quote\"", "ünïcode", "slash/", "{json}" })
    void anythingElseIsReplacedByAFreshIdNotLogged(String offered) {
        String id = RequestIdWebFilter.requestId(offered);

        assertThat(id).isNotEqualTo(offered);
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void theLimitIsOneHundredAndTwentyEightCharacters() {
        assertThat(RequestIdWebFilter.requestId("x".repeat(128))).isEqualTo("x".repeat(128));
        assertThat(RequestIdWebFilter.requestId("x".repeat(129))).isNotEqualTo("x".repeat(129));
        assertThat(RequestIdWebFilter.requestId(null)).isNotNull();
    }

}
