package com.practicalsystemdesign.common.testing;

import java.net.URI;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.practicalsystemdesign.common.store.StoreUrls;

/** A DynamoDB endpoint (DynamoDB Local) reserved for this test JVM. */
public record DynamoDbStore(URI endpoint, String region) {

    /**
     * Sets {@code DYNAMODB_ENDPOINT}, {@code AWS_REGION} and the properties common
     * derives from them.
     */
    public void register(DynamicPropertyRegistry registry) {
        PostgresStore.registerOriginal(registry, StoreUrls.DYNAMODB_ENDPOINT, endpoint.toString());
        PostgresStore.registerOriginal(registry, StoreUrls.AWS_REGION, region);
    }
}
