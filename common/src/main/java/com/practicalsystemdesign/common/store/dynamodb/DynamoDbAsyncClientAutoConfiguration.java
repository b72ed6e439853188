package com.practicalsystemdesign.common.store.dynamodb;

import java.util.stream.Stream;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The asynchronous DynamoDB clients that Spring Cloud AWS does not create. They are built
 * with Spring Cloud AWS's own configurer, so region, credentials and endpoint come from
 * the same {@code spring.cloud.aws.*} properties as its synchronous client; timeouts and
 * retries are bounded so that a dead DynamoDB fails a request in well under two seconds.
 */
@AutoConfiguration(after = { AwsAutoConfiguration.class, DynamoDbAutoConfiguration.class })
@ConditionalOnClass({ DynamoDbAsyncClient.class, DynamoDbEnhancedAsyncClient.class, NettyNioAsyncHttpClient.class })
@ConditionalOnBean(AwsClientBuilderConfigurer.class)
@ConditionalOnProperty(name = "spring.cloud.aws.dynamodb.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({ DynamoDbProperties.class, DynamoDbClientProperties.class })
public class DynamoDbAsyncClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DynamoDbAsyncClient dynamoDbAsyncClient(AwsClientBuilderConfigurer configurer, DynamoDbProperties properties,
            DynamoDbClientProperties limits, ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsAsyncClientCustomizer> customizers) {
        DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
            .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                .connectionTimeout(limits.connectTimeout())
                .connectionAcquisitionTimeout(limits.apiCallTimeout())
                .maxConcurrency(limits.maxConcurrency()));
        // The configurer replaces the builder's whole override configuration with its
        // own, so the
        // limits go in as the first customizer (customizers run after it); an
        // application's own
        // customizers still come later and may change them.
        AwsAsyncClientCustomizer boundedCalls = configured -> builder
            .overrideConfiguration(builder.overrideConfiguration()
                .toBuilder()
                .apiCallTimeout(limits.apiCallTimeout())
                .apiCallAttemptTimeout(limits.apiCallAttemptTimeout())
                .retryStrategy(RetryMode.STANDARD)
                .build());
        return configurer
            .configureAsyncClient(builder, properties, connectionDetails.getIfAvailable(), Stream.empty(),
                    Stream.concat(Stream.of(boundedCalls), customizers.orderedStream()))
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbEnhancedAsyncClient dynamoDbEnhancedAsyncClient(DynamoDbAsyncClient dynamoDbAsyncClient) {
        return DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(dynamoDbAsyncClient).build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "dynamodbHealthIndicator")
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("dynamodb")
    DynamoDbHealthIndicator dynamodbHealthIndicator(DynamoDbAsyncClient dynamoDbAsyncClient) {
        return new DynamoDbHealthIndicator(dynamoDbAsyncClient);
    }

}
