package com.practicalsystemdesign.common.model;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A chat as the API returns it; {@code metadata} is any JSON object the client sent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Chat(String id, String name, Map<String, Object> metadata, Instant createdAt) {
}
