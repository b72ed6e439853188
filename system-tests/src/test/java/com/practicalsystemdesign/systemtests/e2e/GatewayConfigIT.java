package com.practicalsystemdesign.systemtests.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * nginx/nginx.conf on its own: rendered exactly as the local run renders it, accepted by
 * {@code nginx -t}, and, with both services absent, answering JSON for every error it
 * produces, and serving the console (nginx/console) at {@code /}.
 */
@RequiresTool(Tool.NGINX)
class GatewayConfigIT {

    private static final Path DIR = Path.of("target", "gateway-config-it").toAbsolutePath();

    private static Process nginx;

    private static int port;

    private static Gateway gateway;

    @BeforeAll
    static void startNginxWithNoServicesBehindIt() throws Exception {
        Files.createDirectories(DIR);
        // Where the config's relative alias finds the console, as render_gateway_config
        // links it.
        Files.deleteIfExists(DIR.resolve("console"));
        Files.createSymbolicLink(DIR.resolve("console"), RepositoryRoot.resolve("nginx/console"));
        port = Ports.free();
        Files.writeString(DIR.resolve("nginx.conf"), Gateway.renderConfig(Map.of("GATEWAY_LISTEN", "127.0.0.1:" + port,
                "USER_SERVICE_ADDR", "127.0.0.1:" + Ports.free(), "CHAT_SERVICE_ADDR", "127.0.0.1:" + Ports.free())));
        assertThat(run(nginx("-t", "-g", "pid " + DIR.resolve("nginx.pid") + ";")))
            .as("nginx -t of the rendered config")
            .isZero();
        nginx = new ProcessBuilder(nginx("-g", "daemon off; pid " + DIR.resolve("nginx.pid") + ";"))
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve("nginx.log").toFile())
            .start();
        gateway = new Gateway("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> gateway.get("/health").status() == 200);
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rendersOnlyTheThreeGatewayVariablesAndLeavesNginxVariablesAlone() throws IOException {
        String rendered = Files.readString(DIR.resolve("nginx.conf"));

        assertThat(rendered).doesNotContain("${").contains("$gateway_request_id").contains("$host");
    }

    @Test
    void unreachableServicesAreAJsonServiceUnavailable() {
        for (String path : List.of("/api/users", "/api/users/1", "/api/chats/participant/u1", "/api/users/health",
                "/api/users/stats", "/api/chats/stats")) {
            Reply reply = gateway.get(path);
            assertThat(reply.status()).as(path).isEqualTo(503);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
            assertThat(reply.body()).as(path)
                .isEqualTo("{\"error\":\"Service temporarily unavailable\",\"status\":503}");
        }
    }

    @Test
    void oversizedBodiesAreAJsonPayloadTooLarge() {
        Reply reply = gateway.post("/api/users", "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo("{\"error\":\"Request body too large\",\"status\":413}");
    }

    /**
     * Errors nginx finds while it reads the request line and headers: before the fix, a
     * request it could not parse (%00 in the path) got nginx's HTML 500, and TRACE, an
     * overlong URI and oversized headers got its HTML error pages.
     */
    @Test
    void errorsFoundWhileReadingTheRequestAreJsonToo() {
        Map<String, Reply> replies = Map.of("GET /api/chats/%00", gateway.get("/api/chats/%00"), "TRACE /api/users",
                gateway.send("TRACE", "/api/users", null), "GET of a 9 KiB URI",
                gateway.get("/api/chats/participant/" + "x".repeat(9 * 1024)), "GET with a 20 KiB header",
                gateway.get("/api/users", "X-Padding", "x".repeat(20 * 1024)), "GET /_gateway/bad-request",
                gateway.get("/_gateway/bad-request"));

        assertThat(replies.get("GET /api/chats/%00").body()).isEqualTo("{\"error\":\"Bad request\",\"status\":400}");
        assertThat(replies.get("TRACE /api/users").body())
            .isEqualTo("{\"error\":\"Method not allowed\",\"status\":405}");
        assertThat(replies.get("GET of a 9 KiB URI").body())
            .isEqualTo("{\"error\":\"Request URI too long\",\"status\":414}");
        assertThat(replies.get("GET with a 20 KiB header").body())
            .isEqualTo("{\"error\":\"Bad request\",\"status\":400}");
        assertThat(replies.get("GET /_gateway/bad-request").body())
            .isEqualTo("{\"error\":\"Not found\",\"message\":\"Route not configured in API gateway\"}");
        replies.forEach((request, reply) -> {
            assertThat(reply.status()).as(request).isBetween(400, 499);
            assertThat(reply.contentType()).as(request).startsWith("application/json");
        });
    }

    /**
     * Loopback clients are exempt from the limit (benchmarks, local checks), so this one
     * speaks from 127.0.0.2: 2,700 requests pipelined on three connections (nginx serves
     * 1,000 a connection) to a route whose service is absent, so nginx alone answers, far
     * faster than the 500 a second with a burst of 1,000 that the limit allows.
     */
    @Test
    void aClientOverTheRateLimitGetsJsonTooManyRequests() {
        String request = "GET /api/users/1 HTTP/1.1\r\nHost: gateway\r\n\r\n";
        byte[] pipelined = (request.repeat(899)
                + "GET /api/users/1 HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

        StringBuilder answers = new StringBuilder();
        for (int connection = 0; connection < 3; connection++) {
            answers.append(RawHttp.exchange("127.0.0.2", "http://127.0.0.1:" + port, pipelined));
        }

        long tooMany = count(answers, "HTTP/1.1 429 ");
        assertThat(count(answers, "HTTP/1.1 ")).as("answers").isEqualTo(2_700);
        assertThat(tooMany).as("429 answers").isGreaterThan(500);
        assertThat(count(answers, "{\"error\":\"Too many requests\",\"status\":429}")).as("429s with the JSON body")
            .isEqualTo(tooMany);
        assertThat(answers).doesNotContain("<html");
    }

    @Test
    void gatewayHealthAnswersReadsOnlyAndItsMethodNotAllowedSaysWhichAre() {
        for (String method : List.of("PUT", "POST", "DELETE")) {
            Reply reply = gateway.send(method, "/health", "{}".getBytes());

            assertThat(reply.status()).as(method).isEqualTo(405);
            assertThat(reply.body()).as(method).isEqualTo("{\"error\":\"Method not allowed\",\"status\":405}");
            assertThat(reply.header("Allow")).as(method).isEqualTo("GET, HEAD");
        }
        assertThat(gateway.get("/health").status()).isEqualTo(200);
        assertThat(gateway.send("TRACE", "/api/users", null).header("Allow")).isEqualTo("GET, HEAD, POST, PUT, DELETE");
    }

    @Test
    void aRawBackslashAnywhereInThePathIsTheGatewaysJsonBadRequest() {
        for (String path : List.of("/api/users/1\\", "/api/chats/participant/a\\b", "/api\\users", "/health\\")) {
            String answer = RawHttp.exchange("127.0.0.1", "http://127.0.0.1:" + port,
                    ("GET " + path + " HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));

            assertThat(answer).as(path)
                .startsWith("HTTP/1.1 400 ")
                .contains("Content-Type: application/json")
                .endsWith("{\"error\":\"Bad request\",\"status\":400}");
        }
    }

    @Test
    void everyAnswerOfTheGatewayForbidsContentSniffing() {
        for (Reply reply : List.of(gateway.get("/health"), gateway.get("/api/users/1"), gateway.get("/nowhere"),
                gateway.send("POST", "/health", "{}".getBytes()), gateway.get("/api/users/%00"))) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
        }
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNoneOrAnUnsafeOne() {
        assertThat(gateway.get("/health").requestId()).matches("[0-9a-f]{32}");
        assertThat(gateway.get("/health", "X-Request-ID", "ok-123").requestId()).isEqualTo("ok-123");
        assertThat(gateway.get("/health", "X-Request-ID", "a b").requestId()).matches("[0-9a-f]{32}");
    }

    @Test
    void servesTheConsoleAtTheRootUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = fetch("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/console.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'self';").doesNotContain("unsafe", "*", "http"));
        assertThat(page.headers().firstValue("X-Request-ID")).isPresent();
        for (String file : List.of("console.js", "http.js", "live.js", "architecture.js", "console.css",
                "architecture.svg", "favicon.svg")) {
            HttpResponse<String> asset = fetch("/console/" + file);
            assertThat(asset.statusCode()).as(file).isEqualTo(200);
            assertThat(asset.body()).as(file)
                .isEqualTo(Files.readString(RepositoryRoot.resolve("nginx/console/" + file)));
            assertThat(asset.headers().firstValue("Content-Security-Policy")).as(file).isPresent();
        }
        assertThat(fetch("/console/console.js").headers().firstValue("Content-Type"))
            .hasValue("text/javascript; charset=utf-8");
        assertThat(fetch("/console/console.css").headers().firstValue("Content-Type"))
            .hasValue("text/css; charset=utf-8");
    }

    @Test
    void everyOtherUnknownPathIsStillTheJsonNotFound() {
        for (String path : List.of("/index.html", "/console/missing.js", "/console/../nginx.conf", "/consoles",
                "/x.html")) {
            Reply reply = gateway.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
        }
    }

    /** The policy allows no inline script or style, so the console's files have none. */
    @Test
    void theConsoleHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws IOException {
        String page = Files.readString(RepositoryRoot.resolve("nginx/console/index.html"));

        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page).find()).as("an inline <script>").isFalse();
        assertThat(page).doesNotContain("<style", " style=", "javascript:").doesNotContainPattern(" on[a-z]+=");
        try (var files = Files.list(RepositoryRoot.resolve("nginx/console"))) {
            files.forEach(file -> assertThat(read(file)).as(file.toString())
                .doesNotContainPattern("(src|href|url|fetch|import)\\W*\\(?\\W*(https?:)?//"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static long count(CharSequence text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private static List<String> nginx(String... arguments) {
        List<String> command = new ArrayList<>(
                List.of("nginx", "-p", DIR.toString(), "-c", DIR.resolve("nginx.conf").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(DIR.resolve("nginx-t.log").toFile())
            .start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

}
