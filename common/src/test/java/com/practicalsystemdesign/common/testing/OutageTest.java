package com.practicalsystemdesign.common.testing;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store-outage test shares: the whole service on random ports, a client with
 * room to wait longer than the promise it checks, the management port, and the API's
 * promise that a request needing a missing store is answered within two seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
public abstract class OutageTest {

    /** How long a request may take while a store it needs is away (docs/api.md). */
    protected static final Duration PROMISED = Duration.ofSeconds(2);

    @Autowired
    protected WebTestClient client;

    @LocalManagementPort
    protected int managementPort;

    protected WebTestClient management() {
        return Management.client(managementPort);
    }

    protected static void assertWithinPromise(Instant start) {
        assertThat(Duration.between(start, Instant.now())).isLessThan(PROMISED);
    }

    /**
     * Sends {@code request} and expects the 503 problem that names the missing store,
     * within the promise.
     * @return the body, for any further checks of it
     */
    protected static WebTestClient.BodyContentSpec expectUnavailableWithinPromise(
            WebTestClient.RequestHeadersSpec<?> request, String store) {
        Instant start = Instant.now();
        WebTestClient.BodyContentSpec body = request.exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(503)
            .jsonPath("$.title")
            .isEqualTo("Service Unavailable")
            .jsonPath("$.detail")
            .isEqualTo(store + " is temporarily unavailable; retry shortly");
        assertWithinPromise(start);
        return body;
    }

}
