package com.practicalsystemdesign.common.testing;

import java.net.URI;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Docker path: one container per store, stopped by Testcontainers' reaper at JVM
 * exit.
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:18.6-alpine";

    static final String REDIS_IMAGE = "redis:8.8.2-alpine";

    static final String DYNAMODB_LOCAL_IMAGE = "amazon/dynamodb-local:2.6.1";

    private Containers() {
    }

    static PostgresStore postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        return new PostgresStore(container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
                container.getUsername(), container.getPassword());
    }

    static RedisStore redis() {
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        container.start();
        return new RedisStore(container.getHost(), container.getMappedPort(6379), 0);
    }

    static DynamoDbStore dynamoDb() {
        GenericContainer<?> container = new GenericContainer<>(DYNAMODB_LOCAL_IMAGE).withExposedPorts(8000)
            .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry");
        container.start();
        return new DynamoDbStore(URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8000)),
                "us-east-1");
    }

}
