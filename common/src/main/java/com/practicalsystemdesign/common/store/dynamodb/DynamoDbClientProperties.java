package com.practicalsystemdesign.common.store.dynamodb;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the asynchronous DynamoDB client.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param apiCallAttemptTimeout how long one HTTP attempt may take
 * @param apiCallTimeout how long a call may take with all its retries; the API promises a
 * 503 within two seconds when DynamoDB is down, so this stays below that
 * @param maxConcurrency the most requests in flight at once (the connection pool size)
 */
@ConfigurationProperties("dynamodb.client")
public record DynamoDbClientProperties(@DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("700ms") Duration apiCallAttemptTimeout, @DefaultValue("1500ms") Duration apiCallTimeout,
        @DefaultValue("200") int maxConcurrency) {
}
