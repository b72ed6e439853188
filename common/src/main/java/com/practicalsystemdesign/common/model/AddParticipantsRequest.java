package com.practicalsystemdesign.common.model;

import java.util.List;

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
public record AddParticipantsRequest(@NotNull @Size(min = 1,
        max = 100) List<@NotBlank @CodePointLength(max = 128) @Pattern(regexp = NO_DOT_SEGMENT,
                message = "must not have . or .. between slashes, which URL paths remove") @Pattern(
                        regexp = NO_CONTROL_CHARACTER,
                        message = "must not contain control characters") String> participantIds) {

    /**
     * Any id can be looked up and removed with its path segment percent-encoded, except
     * one with a dot segment ({@code .}, {@code ..}, {@code ../x}, {@code a/../b}): the
     * gateway, like URL clients and proxies (RFC 3986), resolves those once decoded, so
     * the id would address another path.
     */
    static final String NO_DOT_SEGMENT = "(?s)(?!(.*/)?\\.{1,2}(/.*)?\\z).*";

    /**
     * Control characters: the gateway refuses a NUL even percent-encoded, and the others
     * are no part of an id anyone types.
     */
    static final String NO_CONTROL_CHARACTER = "\\P{Cc}*";

    /** The requested ids, first occurrence kept, in request order. */
    public List<String> distinctParticipantIds() {
        return participantIds.stream().distinct().toList();
    }
}
