package com.practicalsystemdesign.common.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers of docs/api.md, declared once: the problem+json schemas (the five
 * members of RFC 9457, and {@code errors[]} on a validation problem) and one reusable
 * response per status. Statuses any operation can meet (a malformed request, an
 * unsatisfiable {@code Accept}, and for a body its size, type and validation) are added
 * to every operation here; a controller names the rest with {@code @ApiResponse(ref =
 * ...)} using the constants below.
 */
public class ProblemResponses implements OpenApiCustomizer {

    /** A conditional GET's answer: headers only, no body. */
    public static final String NOT_MODIFIED = "NotModified";

    public static final String BAD_REQUEST = "BadRequest";

    public static final String NOT_FOUND = "NotFound";

    public static final String NOT_ACCEPTABLE = "NotAcceptable";

    public static final String CONFLICT = "Conflict";

    public static final String PRECONDITION_FAILED = "PreconditionFailed";

    public static final String CONTENT_TOO_LARGE = "ContentTooLarge";

    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";

    public static final String VALIDATION_FAILED = "ValidationFailed";

    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    static final String PROBLEM_JSON = "application/problem+json";

    private static final String PROBLEM = "Problem";

    private static final String VALIDATION_PROBLEM = "ValidationProblem";

    private static final String FIELD_ERROR = "FieldError";

    private static final String SCHEMAS = "#/components/schemas/";

    private static final String RESPONSES = "#/components/responses/";

    /** Status, component name, when it happens, and whether it lists field errors. */
    private record Problem(String status, String name, String description, boolean validation) {
    }

    private static final List<Problem> PROBLEMS = List.of(
            new Problem("400", BAD_REQUEST,
                    "The request is malformed: the body is not JSON or has a value of "
                            + "the wrong type, the path has a raw `;` (path parameters are not supported), "
                            + "or `If-Match` is not `*` or a list of strong ETags.",
                    false),
            new Problem("404", NOT_FOUND, "The resource the path names does not exist.", false),
            new Problem("406", NOT_ACCEPTABLE,
                    "None of the media types in `Accept` can be produced; accept " + "`application/json`.", false),
            new Problem("409", CONFLICT, "The request contradicts the current state.", false),
            new Problem("412", PRECONDITION_FAILED,
                    "`If-Match` names none of the resource's current ETag: it changed since it was read. "
                            + "A GET or HEAD is refused so too.",
                    false),
            new Problem("413", CONTENT_TOO_LARGE, "The body is larger than the service reads.", false),
            new Problem("415", UNSUPPORTED_MEDIA_TYPE, "The body is not sent as `application/json`.", false),
            new Problem("422", VALIDATION_FAILED,
                    "A field of the body, or a path or query parameter, fails "
                            + "validation; `errors` names each one.",
                    true),
            new Problem("503", SERVICE_UNAVAILABLE,
                    "A store the request needs is down or slow; answered within " + "2 seconds. Retry shortly.",
                    false));

    /** What every operation can meet, and what every operation with a body can meet. */
    private static final List<String> ANY_OPERATION = List.of(BAD_REQUEST, NOT_ACCEPTABLE);

    private static final List<String> WITH_BODY = List.of(CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION_FAILED);

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        components.addSchemas(FIELD_ERROR, fieldErrorSchema());
        components.addSchemas(VALIDATION_PROBLEM, validationProblemSchema());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(ProblemResponses::addCommon));
        }
        PROBLEMS.stream()
            .filter(problem -> isReferenced(api, problem.name()))
            .forEach(problem -> components.addResponses(problem.name(), response(problem)));
        if (isReferenced(api, NOT_MODIFIED)) {
            components.addResponses(NOT_MODIFIED,
                    new ApiResponse().description("Not modified: `If-None-Match` names the current ETag; no body."));
        }
    }

    /** Only the responses some operation uses are declared, so none is left unused. */
    private static boolean isReferenced(OpenAPI api, String name) {
        return api.getPaths() != null && api.getPaths()
            .values()
            .stream()
            .flatMap(path -> path.readOperations().stream())
            .flatMap(operation -> operation.getResponses().values().stream())
            .anyMatch(response -> (RESPONSES + name).equals(response.get$ref()));
    }

    private static void addCommon(Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        ANY_OPERATION.forEach(name -> addReference(responses, name));
        if (operation.getRequestBody() != null) {
            WITH_BODY.forEach(name -> addReference(responses, name));
        }
        operation.setResponses(inStatusOrder(responses));
    }

    private static void addReference(ApiResponses responses, String name) {
        Problem problem = PROBLEMS.stream()
            .filter(candidate -> candidate.name().equals(name))
            .findFirst()
            .orElseThrow();
        responses.putIfAbsent(problem.status(), new ApiResponse().$ref(RESPONSES + name));
    }

    private static ApiResponses inStatusOrder(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    private static ApiResponse response(Problem problem) {
        Schema<?> schema = new Schema<>().$ref(SCHEMAS + (problem.validation() ? VALIDATION_PROBLEM : PROBLEM));
        return new ApiResponse().description(problem.description())
            .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
            .description("An RFC 9457 problem: every error of the service carries all five members.")
            .addProperty("type",
                    new StringSchema().format("uri-reference")
                        .description("The problem type; `about:blank` when the status says it all.")
                        .example("about:blank"))
            .addProperty("title", new StringSchema().description("The status's reason phrase.").example("Not Found"))
            .addProperty("status",
                    new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599))
                        .description("The HTTP status, repeated.")
                        .example(404))
            .addProperty("detail",
                    new StringSchema().description("What went wrong, for a person; never a stack trace.")
                        .example("User 42 not found"))
            .addProperty("instance",
                    new StringSchema().format("uri-reference")
                        .description("The path of the request.")
                        .example("/users/42"))
            .required(new ArrayList<>(List.of("type", "title", "status", "detail", "instance")));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema().description("One field that failed validation.")
            .addProperty("field",
                    new StringSchema()
                        .description("The JSON name of the field or parameter, with an index for "
                                + "list items (`participant_ids[1]`).")
                        .example("email"))
            .addProperty("message",
                    new StringSchema().description("Why it failed.").example("must be a well-formed email address"))
            .required(List.of("field", "message"));
    }

    /**
     * The problem members and {@code errors}, in one flat schema (rather than an
     * {@code allOf}), so that validators which close schemas to unknown members still
     * read it as written.
     */
    private static Schema<?> validationProblemSchema() {
        Schema<?> schema = problemSchema().description("A 422 problem that names each field that failed validation.")
            .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(SCHEMAS + FIELD_ERROR)).minItems(1));
        schema.addRequiredItem("errors");
        return schema;
    }

}
