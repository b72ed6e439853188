package com.practicalsystemdesign.common.store.dynamodb;

import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DynamoDB is up when it answers a one-table {@code ListTables}, the cheapest
 * authenticated call.
 */
public class DynamoDbHealthIndicator extends AbstractReactiveHealthIndicator {

    private final DynamoDbAsyncClient client;

    public DynamoDbHealthIndicator(DynamoDbAsyncClient client) {
        super("DynamoDB health check failed");
        this.client = client;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.fromFuture(() -> client.listTables(request -> request.limit(1)))
            .map(response -> builder.up().build());
    }

}
