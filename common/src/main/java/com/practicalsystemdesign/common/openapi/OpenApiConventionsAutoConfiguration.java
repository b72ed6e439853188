package com.practicalsystemdesign.common.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The shared parts of every service's OpenAPI document ({@code /v3/api-docs}), in a
 * service that publishes one with springdoc.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class OpenApiConventionsAutoConfiguration {

    @Bean
    @Order(0)
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ResponseHeaders responseHeaders() {
        return new ResponseHeaders();
    }

    @Bean
    ProjectInfo projectInfo() {
        return new ProjectInfo();
    }

    /**
     * springdoc introspects models with Jackson 2, which does not see the Jackson 3
     * {@code @JsonNaming} on the records; this resolver makes the schemas snake_case like
     * the JSON the services really send and accept.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

}
