package com.practicalsystemdesign.common.stats;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Serves {@code GET /stats} (docs/api.md) in every reactive service that depends on
 * common; a service with a cache adds its lookups by a {@link CacheLookups} bean.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(StatsController.class)
public class StatsAutoConfiguration {

    @Bean
    LastMinuteCounter requestsLastMinute() {
        return new LastMinuteCounter();
    }

    @Bean
    RequestCountingWebFilter requestCountingWebFilter(LastMinuteCounter requestsLastMinute) {
        return new RequestCountingWebFilter(requestsLastMinute);
    }

}
