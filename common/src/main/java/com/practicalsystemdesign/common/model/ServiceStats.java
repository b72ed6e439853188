package com.practicalsystemdesign.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code GET /stats} body (docs/api.md): the service's requests over the last
 * {@code window_seconds}, and its cache lookups over the same window when it has a cache.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "Requests and cache lookups of the last minute.",
        requiredProperties = { "service", "window_seconds", "requests", "requests_per_second" })
public record ServiceStats(@Schema(example = "user-service") String service, @Schema(example = "60") int windowSeconds,
        @Schema(example = "123") long requests, @Schema(example = "2.05") double requestsPerSecond,
        @Schema(description = "Only in a service with a cache.") @JsonInclude(JsonInclude.Include.NON_NULL) CacheStats cache) {

    /**
     * Cache lookups: {@code hitRatio} is hits over all lookups, null when there was none.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "Cache lookups of the last minute.",
            requiredProperties = { "hits", "misses", "bypasses", "hit_ratio" })
    public record CacheStats(long hits, long misses, long bypasses,
            @Schema(description = "Hits over all lookups, to two decimals; null when there was none.", nullable = true,
                    example = "0.81") Double hitRatio) {

        public static CacheStats of(long hits, long misses, long bypasses) {
            long lookups = hits + misses + bypasses;
            return new CacheStats(hits, misses, bypasses, (lookups > 0) ? hundredths((double) hits / lookups) : null);
        }

    }

    public static ServiceStats of(String service, int windowSeconds, long requests, CacheStats cache) {
        return new ServiceStats(service, windowSeconds, requests, hundredths((double) requests / windowSeconds), cache);
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

}
