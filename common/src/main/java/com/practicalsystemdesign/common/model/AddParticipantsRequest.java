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
public record AddParticipantsRequest(@ArraySchema(
        minItems = 1, maxItems = 100,
        schema = @Schema(
                description = "1..128 characters (Unicode code points), not blank, without control characters "
                        + "(U+0000..U+001F, U+007F..U+009F) and without `.` or `..` as the whole id or between "
                        + "slashes (dot segments, which URL paths remove). Duplicates count once.",
                minLength = 1, maxLength = 128, example = "user-1"),
        arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) @NotNull @Size(min = 1,
                max = 100) List<@NotBlank @CodePointLength(max = 128) @Pattern(regexp = PARTICIPANT_ID_ADDRESSABLE,
                        message = "must not contain control characters, nor . or .. between slashes, "
                                + "which URL paths remove") String> participantIds) {

    /**
     * Any id can be looked up and removed with its path segment percent-encoded, except
     * one with a dot segment ({@code .}, {@code ..}, {@code ../x}, {@code a/../b}), which
     * the gateway, like URL clients and proxies (RFC 3986), resolves once decoded, and
     * one with a control character, which the gateway refuses even percent-encoded.
     * Written so that Java and JSON Schema's ECMA-262 read it alike ({@code (?![\s\S])}
     * is the end of the text in both), since the OpenAPI document publishes it.
     */
    static final String PARTICIPANT_ID_ADDRESSABLE = "^(?![\\s\\S]*?(?:^|/)\\.{1,2}(?:/|(?![\\s\\S])))"
            + "[^\\x00-\\x1F\\x7F-\\x9F]*$";

    /** The requested ids, first occurrence kept, in request order. */
    public List<String> distinctParticipantIds() {
        return participantIds.stream().distinct().toList();
    }
}
