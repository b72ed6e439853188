package com.practicalsystemdesign.common.model;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A user as the API returns it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A user.", requiredProperties = { "id", "name", "email", "created_at" })
public record User(@Schema(example = "1") long id, @Schema(example = "Alice Smith") String name,
        @Schema(example = "alice@example.com") String email, @Schema(description = "When the user was created, in UTC.",
                example = "2026-11-25T06:17:01.123Z") Instant createdAt) {
}
