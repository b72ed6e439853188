package com.practicalsystemdesign.systemtests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * A curl-like client for the gateway: every call returns status, headers and the parsed
 * body.
 */
public final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Gateway(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * nginx/nginx.conf rendered as local-up.sh renders it (and envsubst with the explicit
     * variable list): exactly the named variables are replaced, nginx's own stay.
     */
    public static String renderConfig(Map<String, String> values) throws IOException {
        String template = Files.readString(RepositoryRoot.resolve("nginx/nginx.conf"));
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.replace("${" + value.getKey() + "}", value.getValue());
        }
        return template;
    }

    public Reply get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
    }

    public Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    /**
     * Any method with any body bytes (none when null) and headers, as hostile clients
     * send them.
     */
    public Reply send(String method, String path, byte[] body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(request(path, headers).method(method, publisher).build());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Request-ID").orElse(""), response.body(), response.headers());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public record Reply(int status, String contentType, String requestId, String body, HttpHeaders headers) {

        public Reply(int status, String contentType, String requestId, String body) {
            this(status, contentType, requestId, body, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /** The header's first value; empty when absent. */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

}
