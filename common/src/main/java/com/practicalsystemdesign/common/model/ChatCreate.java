package com.practicalsystemdesign.common.model;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /chats}; {@code metadata} defaults to an empty object. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCreate(@NotBlank @CodePointLength(max = 100) String name,
        @MaxJsonSize(ChatCreate.METADATA_MAX_BYTES) Map<String, Object> metadata) {

    public static final int METADATA_MAX_BYTES = 8 * 1024;

    public ChatCreate {
        name = Strings.strip(name);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
