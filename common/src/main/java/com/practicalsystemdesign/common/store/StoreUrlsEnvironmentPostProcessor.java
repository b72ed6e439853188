package com.practicalsystemdesign.common.store;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds, at the lowest precedence, the Spring properties {@link StoreUrls} derives from
 * the store URLs ({@code DATABASE_URL}, {@code REDIS_URL}, {@code DYNAMODB_ENDPOINT},
 * {@code AWS_REGION}). Anything a service or an operator sets explicitly wins.
 */
public class StoreUrlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /**
     * After application.yml is loaded, so that its database.url etc. are visible here.
     */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

    static final String SOURCE = "storeUrls";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources()
            .addLast(new MapPropertySource(SOURCE, StoreUrls.springProperties(environment)));
    }

}
