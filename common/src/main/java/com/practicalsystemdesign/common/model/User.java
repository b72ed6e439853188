package com.practicalsystemdesign.common.model;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A user as the API returns it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record User(long id, String name, String email, Instant createdAt) {
}
