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
 * Serves the seed-style {@code /health} in every reactive service that depends on common.
 */
@AutoConfiguration(after = HealthContributorRegistryAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(ReactiveHealthContributorRegistry.class)
@EnableConfigurationProperties(HealthViewProperties.class)
@Import(HealthViewController.class)
public class HealthViewAutoConfiguration {

    @Bean
    HealthView healthView(ReactiveHealthContributorRegistry registry, HealthViewProperties properties,
            Environment environment, ObjectProvider<BuildProperties> buildProperties) {
        String service = environment.getProperty("spring.application.name", "application");
        String version = buildProperties.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        return new HealthView(registry, properties, service, version, Clock.systemUTC());
    }

}
