package com.practicalsystemdesign.common.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds, at the lowest precedence, the Spring properties derived from the original
 * design's environment variables, and then the conventions every service shares
 * ({@code common-defaults.properties}). Anything a service or an operator sets explicitly
 * wins.
 */
public class OriginalEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DERIVED_SOURCE = "originalDesignEnvironment";

    static final String DEFAULTS_SOURCE = "commonDefaults";

    private static final String DEFAULTS_LOCATION = "common-defaults.properties";

    @Override
    public int getOrder() {
        // After application.yml is loaded, so that its database.url etc. are visible
        // here.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = OriginalEnvironment.springProperties(environment);
        environment.getPropertySources().addLast(new MapPropertySource(DERIVED_SOURCE, derived));
        environment.getPropertySources().addLast(commonDefaults());
    }

    private static ResourcePropertySource commonDefaults() {
        try {
            return new ResourcePropertySource(DEFAULTS_SOURCE, new ClassPathResource(DEFAULTS_LOCATION));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("common-defaults.properties is missing from the common jar", ex);
        }
    }

}
