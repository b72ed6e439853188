package com.practicalsystemdesign.common.model;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.NotBlank;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /chats}; {@code metadata} defaults to an empty object. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A new chat. Unknown fields are ignored.")
public record ChatCreate(
        @Schema(description = "Trimmed, then 1..100 characters (Unicode code points), not blank.",
                requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
                example = "Project Alpha") @NotBlank @CodePointLength(max = 100) String name,
        @Schema(description = "Any JSON object, its values any JSON; at most 8 KiB (8192 bytes) as compact "
                + "UTF-8 JSON. Absent or null is `{}`.", nullable = true,
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                example = "{\"type\": \"project\"}") @MaxJsonSize(ChatCreate.METADATA_MAX_BYTES) Map<String, Object> metadata) {

    public static final int METADATA_MAX_BYTES = 8 * 1024;

    public ChatCreate {
        name = Strings.strip(name);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
