package com.practicalsystemdesign.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code GET /stats} body (docs/api.md): the service's requests over the last
 * {@code window_seconds}, and its cache lookups over the same window when it has a cache.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServiceStats(String service, int windowSeconds, long requests, double requestsPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) CacheStats cache) {

    /**
     * Cache lookups: {@code hitRatio} is hits over all lookups, null when there was none.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CacheStats(long hits, long misses, long bypasses, Double hitRatio) {

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
