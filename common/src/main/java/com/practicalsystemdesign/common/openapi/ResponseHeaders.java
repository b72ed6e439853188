package com.practicalsystemdesign.common.openapi;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The headers every answer of a service carries, declared once and named on every
 * response: the request id, where the time went and {@code nosniff}. Runs after
 * {@link ProblemResponses}, so the shared error responses get them too.
 */
class ResponseHeaders implements OpenApiCustomizer {

    private static final String HEADERS = "#/components/headers/";

    private static final Map<String, Header> SHARED = Map.of("X-Request-ID",
            new Header()
                .description("The request's id: the gateway's, or one the service made up. It is on every "
                        + "log line of the request.")
                .schema(new StringSchema()),
            "Server-Timing",
            new Header()
                .description("W3C Server Timing: `cache` (desc hit, miss or bypass), `redis`, `postgres`, "
                        + "`dynamodb` (desc the number of calls) and `app` (the whole handling), each with `dur` in "
                        + "milliseconds, as far as they happened.")
                .schema(new StringSchema()
                    .example("cache;desc=\"miss\", redis;dur=0.42, postgres;dur=1.87, app;dur=3.10")),
            "X-Content-Type-Options",
            new Header().description("Always `nosniff`: a browser reads the answer as its Content-Type says.")
                .schema(new StringSchema()._enum(List.of("nosniff"))));

    @Override
    public void customise(OpenAPI api) {
        SHARED.forEach((name, header) -> api.getComponents().addHeaders(name, header));
        Stream<ApiResponse> shared = api.getComponents().getResponses() == null ? Stream.empty()
                : api.getComponents().getResponses().values().stream();
        Stream<ApiResponse> inline = api.getPaths() == null ? Stream.empty()
                : api.getPaths()
                    .values()
                    .stream()
                    .flatMap(path -> path.readOperations().stream())
                    .flatMap(operation -> operation.getResponses().values().stream())
                    .filter(response -> response.get$ref() == null);
        Stream.concat(shared, inline)
            .forEach(response -> SHARED.keySet()
                .forEach(name -> response.addHeaderObject(name, new Header().$ref(HEADERS + name))));
    }

}
