package com.practicalsystemdesign.common.model;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code GET /health} body (docs/api.md): {@code healthy}, {@code degraded} (an
 * optional store is down) or {@code unhealthy} (a store the service needs is down), with
 * one entry per store.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthResponse(String status, String service, String version, Instant timestamp,
        Map<String, String> dependencies) {
}
