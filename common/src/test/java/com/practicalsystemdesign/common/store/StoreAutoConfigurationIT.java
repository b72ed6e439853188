package com.practicalsystemdesign.common.store;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.CommonTestApplication;
import com.practicalsystemdesign.common.testing.RealStores;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that depends on common and sets only the original design's variables
 * ({@code DATABASE_URL}, {@code REDIS_URL}, {@code DYNAMODB_ENDPOINT},
 * {@code AWS_REGION}) gets working clients for all three stores, and {@code /health} sees
 * them, against real servers.
 */
@SpringBootTest(classes = CommonTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=store-check", "service-health.dependencies.postgres.indicator=r2dbc",
                "service-health.dependencies.redis.indicator=redis", "service-health.dependencies.redis.critical=false",
                "service-health.dependencies.dynamodb.indicator=dynamodb" })
@AutoConfigureWebTestClient
class StoreAutoConfigurationIT {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        RealStores.postgres().register(registry);
        RealStores.redis().register(registry);
        RealStores.dynamoDb().register(registry);
    }

    @Autowired
    private DatabaseClient database;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private DynamoDbEnhancedAsyncClient enhancedDynamoDb;

    @Autowired
    private WebTestClient client;

    @Test
    void databaseUrlGivesAWorkingR2dbcConnectionToTheRunsOwnDatabase() {
        StepVerifier
            .create(database.sql("SELECT current_database() AS name").map(row -> row.get("name", String.class)).one())
            .expectNext(RealStores.postgres().database())
            .verifyComplete();
    }

    @Test
    void redisUrlGivesAWorkingReactiveRedisClient() {
        StepVerifier
            .create(redis.opsForValue()
                .set("harness:check", "ok", Duration.ofSeconds(30))
                .then(redis.opsForValue().get("harness:check")))
            .expectNext("ok")
            .verifyComplete();
    }

    @Test
    void dynamoDbEndpointGivesWorkingAsyncClients() {
        String table = "HarnessCheck" + System.nanoTime();
        Mono<String> createAndDescribe = Mono
            .fromFuture(() -> dynamoDb.createTable(request -> request.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))))
            // A slow DynamoDB Local may outlast the first attempt, which created the
            // table anyway.
            .onErrorResume(ResourceInUseException.class, retriedCreate -> Mono.empty())
            .then(Mono.fromFuture(() -> dynamoDb.describeTable(request -> request.tableName(table))))
            .map(response -> response.table().tableName());

        StepVerifier.create(createAndDescribe).expectNext(table).verifyComplete();
        assertThat(enhancedDynamoDb).isNotNull();
    }

    /**
     * Spring Cloud AWS's configurer replaces the override configuration; the limits must
     * survive it.
     */
    @Test
    void dynamoDbCallsAreBoundedInTimeAndRetries() {
        var configuration = dynamoDb.serviceClientConfiguration().overrideConfiguration();

        assertThat(configuration.apiCallTimeout()).contains(Duration.ofMillis(1500));
        assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofMillis(700));
        assertThat(configuration.retryStrategy())
            .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(3));
    }

    @Test
    void serviceHealthReportsEveryStoreHealthy() {
        HealthAnswer.expect(client, "healthy", Map.of("postgres", "healthy", "redis", "healthy", "dynamodb", "healthy"))
            .jsonPath("$.service")
            .isEqualTo("store-check")
            .jsonPath("$.timestamp")
            .exists();
    }

}
