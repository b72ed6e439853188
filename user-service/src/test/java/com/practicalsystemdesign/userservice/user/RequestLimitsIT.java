package com.practicalsystemdesign.userservice.user;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own limits, straight on its port: above the gateway's (an 8 KiB request
 * line, 32 KiB of headers), so anything the gateway passes on is served; past them, and
 * for a request that is no HTTP, a problem+json where Netty alone would answer an empty
 * body (naming the path when the request line was read).
 */
class RequestLimitsIT extends WithRealStores {

    @LocalServerPort
    private int port;

    @Test
    void aRequestAtTheGatewaysLimitsIsServed() throws IOException {
        String uri = "/users?limit=1&pad=" + "x".repeat(8 * 1024);
        String headers = ("X-Pad: " + "y".repeat(7 * 1024) + "\r\n").repeat(4);

        assertThat(exchange("GET " + uri + " HTTP/1.1\r\nHost: user-service\r\n" + headers))
            .startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aRequestLineOverTheServicesLimitIsAUriTooLongProblem() throws IOException {
        String answer = exchange("GET /users?pad=" + "x".repeat(17 * 1024) + " HTTP/1.1\r\nHost: user-service\r\n");

        assertThat(answer).startsWith("HTTP/1.1 414 ")
            .contains("content-type: application/problem+json")
            .contains("x-content-type-options: nosniff")
            .endsWith("{\"type\":\"about:blank\",\"title\":\"Request-URI Too Long\",\"status\":414,"
                    + "\"detail\":\"The request line is longer than this service accepts; send a shorter URI\"}");
    }

    @Test
    void headersOverTheServicesLimitAreARequestHeaderFieldsTooLargeProblem() throws IOException {
        String headers = ("X-Pad: " + "y".repeat(8 * 1024) + "\r\n").repeat(9);

        String answer = exchange("GET /users HTTP/1.1\r\nHost: user-service\r\n" + headers);

        assertThat(answer).startsWith("HTTP/1.1 431 ")
            .contains("content-type: application/problem+json")
            .contains("x-content-type-options: nosniff")
            .contains("\"status\":431")
            .contains("\"detail\":\"The request headers are larger than this service accepts")
            .contains("\"instance\":\"/users\"");
    }

    @Test
    void aRequestThatIsNoHttpIsABadRequestProblem() throws IOException {
        String answer = exchange("GET /users HTTP/1.1\r\nHost: user-service\r\nBad Name: x\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ")
            .contains("content-type: application/problem+json")
            .contains("\"status\":400");
    }

    /** One request on a fresh connection, closed after it; the whole answer as text. */
    private String exchange(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

}
