package com.practicalsystemdesign.common.stats;

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
    ServiceStats stats() {
        CacheLookups lookups = cache.getIfAvailable();
        return ServiceStats.of(service, LastMinuteCounter.WINDOW_SECONDS, requests.sum(),
                (lookups != null) ? lookups.lastMinute() : null);
    }

}
