package com.practicalsystemdesign.chatservice.system;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.practicalsystemdesign.common.store.dynamodb.DynamoDbClientProperties;

/**
 * Stopgap until common applies these limits itself. Common sets the async DynamoDB client's
 * api-call timeout, attempt timeout and standard retries on the builder, and then hands the builder
 * to Spring Cloud AWS's configurer, whose {@code configure()} replaces the whole override
 * configuration: the limits were lost, the SDK made DynamoDB's default 9 attempts, and a dead
 * DynamoDB took about 4 s to become a 503 instead of the API's 2 s. Async client customizers run
 * after {@code configure()}, so this one puts the limits ({@code dynamodb.client.*}) back, keeping
 * whatever else Spring Cloud AWS set.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbClientLimitsConfiguration {

    @Bean
    AwsAsyncClientCustomizer dynamoDbClientLimits(DynamoDbClientProperties limits) {
        return builder -> {
            if (builder instanceof DynamoDbAsyncClientBuilder dynamoDb) {
                dynamoDb.overrideConfiguration(dynamoDb.overrideConfiguration().toBuilder()
                    .apiCallTimeout(limits.apiCallTimeout())
                    .apiCallAttemptTimeout(limits.apiCallAttemptTimeout())
                    .retryStrategy(RetryMode.STANDARD)
                    .build());
            }
        };
    }
}
