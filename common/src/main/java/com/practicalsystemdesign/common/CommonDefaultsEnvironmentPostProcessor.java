package com.practicalsystemdesign.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import com.practicalsystemdesign.common.store.StoreUrlsEnvironmentPostProcessor;

/**
 * Adds the conventions every service shares ({@code common-defaults.properties}: logging,
 * error details, actuator exposure, ...) at the very lowest precedence, below even the
 * properties derived from the store URLs: a service's application.yml or an environment
 * variable overrides any of them.
 */
public class CommonDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After the store URLs' source was added last, so that this one ends up below it. */
    public static final int ORDER = StoreUrlsEnvironmentPostProcessor.ORDER + 1;

    static final String SOURCE = "commonDefaults";

    private static final String LOCATION = "common-defaults.properties";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources()
                .addLast(new ResourcePropertySource(SOURCE, new ClassPathResource(LOCATION)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(LOCATION + " is missing from the common jar", ex);
        }
    }

}
