package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * How {@link ChatRepository} talks to DynamoDB, whatever the access pattern: every call
 * lazy ({@code Mono.fromFuture(() -> ...)}) with an unreachable DynamoDB turned into a
 * 503, queries followed through every page, and the batch calls with their unprocessed
 * items or keys retried after a {@link Backoff}.
 */
final class DynamoDbCalls {

    /** BatchWriteItem's limit. */
    static final int BATCH_WRITE_ITEMS = 25;

    /** BatchGetItem's limit. */
    static final int BATCH_GET_KEYS = 100;

    private static final Set<String> RETRY_REASONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private DynamoDbCalls() {
    }

    /** One DynamoDB call, lazily, with an unavailable DynamoDB turned into a 503. */
    static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request).onErrorMap(DynamoDbErrors::isUnavailable, DynamoDbErrors::unavailable);
    }

    /** Every item of every page of a query, following LastEvaluatedKey. */
    static <T> Flux<T> items(Supplier<SdkPublisher<Page<T>>> query) {
        return Flux.defer(() -> Flux.from(query.get()))
            .concatMapIterable(Page::items)
            .onErrorMap(DynamoDbErrors::isUnavailable, DynamoDbErrors::unavailable);
    }

    /**
     * Deletes the items of {@code keys} (at most {@link #BATCH_WRITE_ITEMS}) with one
     * BatchWriteItem, repeating the unprocessed ones.
     */
    static <T> Mono<Void> deleteAll(DynamoDbEnhancedAsyncClient enhanced, DynamoDbAsyncTable<T> table, Class<T> type,
            List<Key> keys) {
        return deleteAll(enhanced, table, type, keys, 0);
    }

    private static <T> Mono<Void> deleteAll(DynamoDbEnhancedAsyncClient enhanced, DynamoDbAsyncTable<T> table,
            Class<T> type, List<Key> keys, int retry) {
        WriteBatch.Builder<T> deletions = WriteBatch.builder(type).mappedTableResource(table);
        keys.forEach(deletions::addDeleteItem);
        return call(() -> enhanced.batchWriteItem(batch -> batch.addWriteBatch(deletions.build())))
            .map(result -> result.unprocessedDeleteItemsForTable(table))
            .flatMap(unprocessed -> unprocessed.isEmpty() ? Mono.empty()
                    : later(retry, () -> deleteAll(enhanced, table, type, unprocessed, retry + 1)).then());
    }

    /**
     * Reads the items of {@code keys} (at most {@link #BATCH_GET_KEYS}), strongly
     * consistent, with one BatchGetItem, repeating the unprocessed keys; missing items
     * are simply not in the result.
     */
    static <T> Flux<T> getAll(DynamoDbAsyncClient dynamoDb, DynamoDbAsyncTable<T> table,
            List<Map<String, AttributeValue>> keys) {
        return getAll(dynamoDb, table,
                Map.of(table.tableName(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build()), 0);
    }

    private static <T> Flux<T> getAll(DynamoDbAsyncClient dynamoDb, DynamoDbAsyncTable<T> table,
            Map<String, KeysAndAttributes> keys, int retry) {
        return call(() -> dynamoDb.batchGetItem(batch -> batch.requestItems(keys)))
            .flatMapMany(response -> Flux.fromIterable(response.responses().getOrDefault(table.tableName(), List.of()))
                .map(table.tableSchema()::mapToItem)
                .concatWith(response.unprocessedKeys().isEmpty() ? Flux.empty()
                        : later(retry, () -> getAll(dynamoDb, table, response.unprocessedKeys(), retry + 1))));
    }

    /**
     * Work DynamoDB asked to repeat, after a backoff; a 503 once the retries are used up.
     */
    static <T> Flux<T> later(int retry, Supplier<? extends Publisher<T>> work) {
        if (retry >= Backoff.MAX_RETRIES) {
            return Flux.error(DynamoDbErrors
                .unavailable(new IllegalStateException("DynamoDB still asked to retry after " + retry + " retries")));
        }
        return Mono.delay(Backoff.delay(retry)).thenMany(Flux.defer(work));
    }

    /**
     * A write that lost a race with a transaction, or was throttled inside one: worth
     * repeating as it is.
     */
    static boolean isConflict(Throwable error) {
        Throwable cause = DynamoDbErrors.unwrap(error);
        if (cause instanceof TransactionCanceledException cancelled) {
            return cancelled.cancellationReasons()
                .stream()
                .map(CancellationReason::code)
                .anyMatch(RETRY_REASONS::contains);
        }
        return cause instanceof TransactionConflictException || cause instanceof TransactionInProgressException;
    }

}
