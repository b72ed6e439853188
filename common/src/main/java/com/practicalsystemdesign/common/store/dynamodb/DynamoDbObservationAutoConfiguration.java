package com.practicalsystemdesign.common.store.dynamodb;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Observes the calls of the asynchronous DynamoDB client
 * ({@link DynamoDbObservationInterceptor}): per-operation timings and errors on
 * {@code /actuator/prometheus}, client spans in traces. It reaches the client as one more
 * {@link AwsAsyncClientCustomizer}, which {@link DynamoDbAsyncClientAutoConfiguration}
 * applies after its own settings.
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class)
@ConditionalOnClass({ DynamoDbAsyncClient.class, AwsAsyncClientCustomizer.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public class DynamoDbObservationAutoConfiguration {

    @Bean
    AwsAsyncClientCustomizer dynamoDbObservation(ObservationRegistry registry) {
        DynamoDbObservationInterceptor interceptor = new DynamoDbObservationInterceptor(registry);
        return builder -> {
            if (builder instanceof DynamoDbAsyncClientBuilder dynamoDb) {
                // The configuration set so far (timeouts, retries) is kept; the
                // interceptor is added.
                dynamoDb.overrideConfiguration(
                        dynamoDb.overrideConfiguration().toBuilder().addExecutionInterceptor(interceptor).build());
            }
        };
    }

}
