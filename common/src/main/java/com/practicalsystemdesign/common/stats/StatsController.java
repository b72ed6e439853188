package com.practicalsystemdesign.common.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.ServiceStats;

/**
 * {@code GET /stats}: read-only, from counters kept in memory, so polling it costs no
 * store call.
 */
@RestController
@Tag(name = "stats", description = "Live figures of the last minute, for the console page.")
class StatsController {

    static final String PATH = "/stats";

    private final String service;

    private final LastMinuteCounter requests;

    private final ObjectProvider<CacheLookups> cache;

    StatsController(Environment environment, LastMinuteCounter requests, ObjectProvider<CacheLookups> cache) {
        this.service = environment.getProperty("spring.application.name", "application");
        this.requests = requests;
        this.cache = cache;
    }

    @GetMapping(PATH)
    @Operation(summary = "Requests and cache lookups of the last minute",
            description = "Counted in memory by this instance; `cache` only in a service with a cache.")
    @ApiResponse(responseCode = "200", description = "The last minute's figures")
    ServiceStats stats() {
        CacheLookups lookups = cache.getIfAvailable();
        return ServiceStats.of(service, LastMinuteCounter.WINDOW_SECONDS, requests.sum(),
                (lookups != null) ? lookups.lastMinute() : null);
    }

}
