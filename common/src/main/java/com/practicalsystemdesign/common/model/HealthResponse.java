package com.practicalsystemdesign.common.model;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code GET /health} body (docs/api.md): {@code healthy}, {@code degraded} (an
 * optional store is down) or {@code unhealthy} (a store the service needs is down), with
 * one entry per store.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "The health of the service and of each store it uses.",
        requiredProperties = { "status", "service", "version", "timestamp", "dependencies" })
public record HealthResponse(@Schema(
        description = "`degraded` when an optional store is down, `unhealthy` when one the service " + "needs is.",
        allowableValues = {
                "healthy", "degraded", "unhealthy" }) String status,
        @Schema(example = "user-service") String service, @Schema(example = "0.1.0-SNAPSHOT") String version,
        Instant timestamp, @Schema(description = "Each store's health by name (`postgres`, `redis`, `dynamodb`).",
                example = "{\"postgres\": \"healthy\", \"redis\": \"healthy\"}") Map<String, String> dependencies){
}
