package com.practicalsystemdesign.common.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document a running service serves at {@code /v3/api-docs}, as a contract
 * every exchange must keep. {@link #checking(WebTestClient)} gives a client whose every
 * answer is validated against the document (status documented, content type and body as
 * its schema says, headers) and whose every request that succeeded was valid by it, with
 * Atlassian's OpenAPI validator; a violation fails the request's test with the
 * validator's messages. The validator holds answers to the document's schemas as they
 * are, plus {@code additionalProperties: false} wherever a schema leaves it open, so an
 * answer with a field the document does not name fails too. The statuses seen per
 * operation are recorded, so a suite can assert it met every answer the document
 * promises.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final String served;

    private final Document document;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private OpenApiContract(String served) {
        this.served = served;
        this.document = new Document(served);
    }

    /**
     * The contract the service behind {@code client} serves; the first document a service
     * generates can take a while, so this request waits longer.
     */
    public static OpenApiContract servedTo(WebTestClient client) {
        return new OpenApiContract(client.mutate()
            .responseTimeout(Duration.ofMinutes(2))
            .build()
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
    }

    /** The document as served. */
    public String document() {
        return served;
    }

    /** {@code client} with every exchange checked against the contract. */
    public WebTestClient checking(WebTestClient client) {
        return client.mutate().filter(filter()).build();
    }

    /**
     * Every answer the document lists ("GET /users/{id} 404") that no checked exchange
     * has met, in order.
     */
    public Set<String> unseenAnswers() {
        Set<String> unseen = new TreeSet<>(document.answers());
        unseen.removeAll(seen);
        return unseen;
    }

    private ExchangeFilterFunction filter() {
        return (request, next) -> {
            Recorded sent = new Recorded(request.headers());
            return next.exchange(recording(request, sent))
                .flatMap(response -> response.bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .map(body -> check(document, request, sent, response, body)));
        };
    }

    private ClientResponse check(Document contract, ClientRequest request, Recorded sent, ClientResponse response,
            byte[] responseBody) {
        int status = response.statusCode().value();
        String path = request.url().getRawPath();
        contract.operation(request.method().name(), path)
            .ifPresent(template -> seen.add(request.method().name() + " " + template + " " + status));
        ValidationReport report = contract.validator.validate(request(request, sent),
                response(response, status, responseBody));
        List<String> violations = report.getMessages()
            .stream()
            .filter(message -> status < 400 || !message.getKey().startsWith("validation.request"))
            .map(message -> message.getKey() + ": " + message.getMessage())
            .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError(request.method() + " " + request.url() + " answered " + status + " "
                    + new String(responseBody, StandardCharsets.UTF_8) + "\nwhich its OpenAPI document does not "
                    + "describe:\n  " + String.join("\n  ", violations));
        }
        return response.mutate().body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(responseBody))).build();
    }

    private static Request request(ClientRequest request, Recorded sent) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method().name(), request.url().getRawPath());
        sent.headers.forEach(builder::withHeader);
        byte[] body = sent.body;
        UriComponentsBuilder.fromUri(request.url())
            .build()
            .getQueryParams()
            .forEach((name, values) -> builder.withQueryParam(name,
                    values.stream()
                        .map(value -> value == null ? "" : UriUtils.decode(value, StandardCharsets.UTF_8))
                        .toList()));
        if (body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static SimpleResponse response(ClientResponse response, int status, byte[] body) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(status);
        response.headers().asHttpHeaders().forEach(builder::withHeader);
        if (body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    /**
     * The request with its headers and body recorded as they are written (a body's
     * {@code Content-Type} is chosen only then).
     */
    private static ClientRequest recording(ClientRequest request, Recorded sent) {
        return ClientRequest.from(request)
            .body((message, context) -> request.body().insert(new Recording(message, sent), context))
            .build();
    }

    /** What a request sent: its headers, and its body (empty when none). */
    private static final class Recorded {

        private volatile HttpHeaders headers;

        private volatile byte[] body = new byte[0];

        Recorded(HttpHeaders headers) {
            this.headers = headers;
        }

    }

    private static final class Recording extends ClientHttpRequestDecorator {

        private final Recorded sent;

        Recording(ClientHttpRequest delegate, Recorded sent) {
            super(delegate);
            this.sent = sent;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body).flatMap(joined -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                sent.body = bytes;
                sent.headers = snapshot(getHeaders());
                return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
            });
        }

        @Override
        public Mono<Void> setComplete() {
            sent.headers = snapshot(getHeaders());
            return super.setComplete();
        }

        private static HttpHeaders snapshot(HttpHeaders headers) {
            HttpHeaders copy = new HttpHeaders();
            copy.addAll(headers);
            return copy;
        }

    }

    /** The served document: its validator, and its operations and their statuses. */
    private static final class Document {

        private final OpenApiInteractionValidator validator;

        private final Map<PathPattern, String> templates = new ConcurrentHashMap<>();

        private final Set<String> answers = new TreeSet<>();

        Document(String json) {
            this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(json).build();
            JsonNode paths = JSON.readTree(json).path("paths");
            for (String template : paths.propertyNames()) {
                templates.put(PathPatternParser.defaultInstance.parse(template), template);
                for (String method : paths.path(template).propertyNames()) {
                    for (String status : paths.path(template).path(method).path("responses").propertyNames()) {
                        answers.add(method.toUpperCase() + " " + template + " " + status);
                    }
                }
            }
        }

        Set<String> answers() {
            return answers;
        }

        /** The template of the path, the most specific when several match. */
        Optional<String> operation(String method, String rawPath) {
            PathContainer path = PathContainer.parsePath(URI.create(rawPath).getRawPath());
            return templates.entrySet()
                .stream()
                .filter(entry -> entry.getKey().matches(path))
                .min(Map.Entry.comparingByKey(PathPattern.SPECIFICITY_COMPARATOR))
                .map(Map.Entry::getValue);
        }

    }

}
