package com.practicalsystemdesign.common.health;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Serves {@code GET /health} (status plus each store's health, docs/api.md) in every
 * reactive service that depends on common.
 */
@AutoConfiguration(after = HealthContributorRegistryAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(ReactiveHealthContributorRegistry.class)
@EnableConfigurationProperties(ServiceHealthProperties.class)
@Import(ServiceHealthController.class)
public class ServiceHealthAutoConfiguration {

    @Bean
    ServiceHealth serviceHealth(ReactiveHealthContributorRegistry registry, ServiceHealthProperties properties,
            Environment environment, ObjectProvider<BuildProperties> buildProperties) {
        String service = environment.getProperty("spring.application.name", "application");
        String version = buildProperties.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        return new ServiceHealth(registry, properties, service, version, Clock.systemUTC());
    }

}
