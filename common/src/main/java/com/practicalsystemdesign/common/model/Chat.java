package com.practicalsystemdesign.common.model;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A chat as the API returns it; {@code metadata} is any JSON object the client sent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A chat.", requiredProperties = { "id", "name", "metadata", "created_at" })
public record Chat(@Schema(description = "`chat-` and 12 lowercase hexadecimal digits.",
        pattern = "^chat-[0-9a-f]{12}$", example = "chat-3f9a0c1b2d4e") String id,
        @Schema(example = "Project Alpha") String name,
        @Schema(description = "The JSON object the chat was created with (`{}` when none).",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> metadata,
        @Schema(description = "When the chat was created, in UTC.",
                example = "2026-11-25T06:17:01.123Z") Instant createdAt) {
}
