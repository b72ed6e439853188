package com.practicalsystemdesign.systemtests.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * nginx/nginx.conf in front of a stand-in user-service that answers a page of 100 users
 * (over 10 KB) and one user with its ETag, and nosniff as the services do: what the
 * gateway does to answers it proxies (gzip, nosniff) and how large a request it passes
 * on.
 */
@RequiresTool(Tool.NGINX)
class GatewayUpstreamEdgesIT {

    private static final Path DIR = Path.of("target", "gateway-upstream-edges-it").toAbsolutePath();

    private static final String PAGE = "[" + String.join(",", Collections.nCopies(100,
            "{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\",\"created_at\":\"2026-11-25T06:17:01.123Z\"}"))
            + "]";

    private static final String ONE = "{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\","
            + "\"created_at\":\"2026-11-25T06:17:01.123Z\"}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process nginx;

    private static HttpServer userService;

    private static int port;

    @BeforeAll
    static void startNginxInFrontOfAStandIn() throws Exception {
        Files.createDirectories(DIR);
        userService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        userService.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/users") ? PAGE : ONE)
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("ETag", "\"3\"");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        userService.start();
        port = Ports.free();
        Files.writeString(DIR.resolve("nginx.conf"),
                Gateway.renderConfig(Map.of("GATEWAY_LISTEN", "127.0.0.1:" + port, "USER_SERVICE_ADDR",
                        "127.0.0.1:" + userService.getAddress().getPort(), "CHAT_SERVICE_ADDR",
                        "127.0.0.1:" + Ports.free())));
        nginx = new ProcessBuilder(List.of("nginx", "-p", DIR.toString(), "-c", DIR.resolve("nginx.conf").toString(),
                "-g", "daemon off; pid " + DIR.resolve("nginx.pid") + ";"))
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve("nginx.log").toFile())
            .start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get("/health").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (userService != null) {
            userService.stop(0);
        }
    }

    @Test
    void aPageOfUsersIsGzippedForAClientThatAcceptsIt() throws IOException {
        HttpResponse<byte[]> gzipped = get("/api/users?limit=100", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> plain = get("/api/users?limit=100");

        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(PAGE.length() / 5);
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
                StandardCharsets.UTF_8))
            .isEqualTo(PAGE);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
    }

    @Test
    void oneUserIsNotCompressedSoItsETagStaysStrong() {
        HttpResponse<byte[]> user = get("/api/users/1", "Accept-Encoding", "gzip");

        assertThat(user.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(user.headers().firstValue("ETag")).hasValue("\"3\"");
        // The service sends it too, as the real ones do; the client gets it once.
        assertThat(user.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void requestsUpToTheGatewaysLimitsArePassedOnAndLargerOnesRefusedAsJson() {
        assertThat(get("/api/users/1?pad=" + "x".repeat(8000)).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> tooLong = get("/api/users/1?pad=" + "x".repeat(8300));
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertThat(new String(tooLong.body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"error\":\"Request URI too long\",\"status\":414}");

        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            headers.addAll(List.of("X-Pad-" + i, "y".repeat(7000)));
        }
        assertThat(get("/api/users/1", headers.toArray(String[]::new)).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> tooLarge = get("/api/users/1", "X-Pad", "y".repeat(8300));
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(new String(tooLarge.body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"error\":\"Bad request\",\"status\":400}");
    }

    private static HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
