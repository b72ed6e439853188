package com.practicalsystemdesign.chatservice.table;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import com.practicalsystemdesign.chatservice.chat.DynamoDbErrors;

/**
 * Creates the tables that do not exist yet, when {@code chat.tables.create-missing} is
 * on.
 *
 * <p>
 * It runs once all singletons exist and before the web server starts, so no request can
 * meet a missing table, and readiness stays down until it is done. Per table:
 * {@code DescribeTable}; on {@code ResourceNotFoundException} {@code CreateTable}; then
 * the SDK's waiter until the table is {@code ACTIVE}. Two instances starting together
 * both try to create: the loser gets {@code ResourceInUseException}, which means "someone
 * else is creating it", and waits like the winner. An unreachable DynamoDB (still
 * starting in compose or kind) is retried with backoff until
 * {@code chat.tables.create-timeout}; then start-up fails with the cause.
 */
@Component
class TableBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TableBootstrap.class);

    private static final Duration WAITER_DELAY = Duration.ofMillis(500);

    private final DynamoDbAsyncClient dynamoDb;

    private final ChatTablesProperties tables;

    TableBootstrap(DynamoDbAsyncClient dynamoDb, ChatTablesProperties tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    /**
     * The only wait in the service, on the main thread during start-up (never an event
     * loop): serving requests before the tables exist would only produce errors.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (!tables.createMissing()) {
            log.info("Table creation is off (chat.tables.create-missing=false); expecting tables " + tables.chats()
                    + " and " + tables.participants() + " to exist");
            return;
        }
        createMissingTables().toFuture().join();
    }

    /**
     * Creates whichever of the two tables is missing and completes when both are active.
     */
    Mono<Void> createMissingTables() {
        return Flux.fromIterable(TableDefinitions.createTableRequests(tables))
            .flatMap(this::ensureActive)
            .then()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250))
                .maxBackoff(Duration.ofSeconds(5))
                .filter(DynamoDbErrors::isUnavailable)
                .doBeforeRetry(
                        signal -> log.warn("DynamoDB is not answering yet (" + signal.failure() + "); retrying")))
            .timeout(tables.createTimeout())
            .onErrorMap(error -> new IllegalStateException("Could not create the DynamoDB tables within "
                    + tables.createTimeout() + ": " + DynamoDbErrors.unwrap(error), DynamoDbErrors.unwrap(error)));
    }

    private Mono<Void> ensureActive(CreateTableRequest request) {
        return describe(request.tableName()).switchIfEmpty(Mono.defer(() -> create(request)))
            .then(Mono.defer(() -> awaitActive(request.tableName())));
    }

    private Mono<TableDescription> describe(String table) {
        return Mono.fromFuture(() -> dynamoDb.describeTable(describe -> describe.tableName(table)))
            .map(response -> response.table())
            .onErrorResume(ResourceNotFoundException.class, missing -> Mono.empty());
    }

    private Mono<TableDescription> create(CreateTableRequest request) {
        return Mono.fromFuture(() -> dynamoDb.createTable(request))
            .map(response -> response.tableDescription())
            .doOnNext(created -> log.info("Created DynamoDB table " + request.tableName()))
            .onErrorResume(ResourceInUseException.class, creating -> {
                log.info("DynamoDB table " + request.tableName() + " is being created by another instance");
                return Mono.empty();
            });
    }

    private Mono<Void> awaitActive(String table) {
        return Mono
            .fromFuture(() -> dynamoDb.waiter()
                .waitUntilTableExists(describe -> describe.tableName(table),
                        waiter -> waiter.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(WAITER_DELAY))
                            .maxAttempts(Integer.MAX_VALUE)
                            .waitTimeout(tables.createTimeout())))
            .then();
    }

}
