package com.practicalsystemdesign.common.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which stores {@code /health} reports, and what their loss means.
 *
 * @param dependencies display name (such as {@code postgres}) to the Actuator health
 * indicator behind it
 * @param timeout how long an indicator may take before its store counts as down; the API
 * promises an answer within two seconds
 */
@ConfigurationProperties("service-health")
public record ServiceHealthProperties(Map<String, Dependency> dependencies, @DefaultValue("1s") Duration timeout) {

    public ServiceHealthProperties {
        dependencies = dependencies == null ? Map.of() : new LinkedHashMap<>(dependencies);
    }

    /**
     * @param indicator the Actuator health indicator's name, such as {@code r2dbc} or
     * {@code redis}
     * @param critical whether the service cannot answer without it ({@code unhealthy},
     * 503) or only answers worse ({@code degraded}, 200)
     */
    public record Dependency(String indicator, @DefaultValue("true") boolean critical) {
    }
}
