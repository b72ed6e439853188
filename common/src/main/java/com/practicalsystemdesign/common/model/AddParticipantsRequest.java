package com.practicalsystemdesign.common.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /chats/{chat_id}/participants}; duplicates in one request count
 * once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "Participants to add. Unknown fields are ignored.")
public record AddParticipantsRequest(@ArraySchema(minItems = 1, maxItems = 100,
        schema = @Schema(
                description = "1..128 characters (Unicode code points), not blank, and neither `.` "
                        + "nor `..` (dot segments, which no URL path can address). Duplicates count once.",
                minLength = 1, maxLength = 128, example = "user-1"),
        arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) @NotNull @Size(min = 1,
                max = 100) List<@NotBlank @CodePointLength(max = 128) @Pattern(regexp = PARTICIPANT_ID_ADDRESSABLE,
                        message = "must not be . or .., which no URL path can address") String> participantIds) {

    /**
     * Any id can be looked up and removed with its path segment percent-encoded, except
     * the two that URL clients and proxies remove as dot segments (RFC 3986), encoded or
     * not. Written so that Java and JSON Schema's ECMA-262 read it alike
     * ({@code (?![\s\S])} is the end of the text in both), since the OpenAPI document
     * publishes it.
     */
    static final String PARTICIPANT_ID_ADDRESSABLE = "^(?!\\.{1,2}(?![\\s\\S]))[\\s\\S]*$";

    /** The requested ids, first occurrence kept, in request order. */
    public List<String> distinctParticipantIds() {
        return participantIds.stream().distinct().toList();
    }
}
