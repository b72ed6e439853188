package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB whose answers the test states, one function per operation, and which keeps
 * every request it got. The enhanced client runs on it as on the real one. An operation
 * without an answer fails the way the SDK's interface does by default
 * ({@link UnsupportedOperationException}).
 */
final class ScriptedDynamoDb implements DynamoDbAsyncClient {

    final List<QueryRequest> queries = new CopyOnWriteArrayList<>();

    final List<BatchGetItemRequest> batchGets = new CopyOnWriteArrayList<>();

    final List<BatchWriteItemRequest> batchWrites = new CopyOnWriteArrayList<>();

    final List<UpdateItemRequest> updates = new CopyOnWriteArrayList<>();

    final List<TransactWriteItemsRequest> transactions = new CopyOnWriteArrayList<>();

    private Function<QueryRequest, CompletableFuture<QueryResponse>> onQuery = unanswered("Query");

    private Function<BatchGetItemRequest, CompletableFuture<BatchGetItemResponse>> onBatchGet = unanswered(
            "BatchGetItem");

    private Function<BatchWriteItemRequest, CompletableFuture<BatchWriteItemResponse>> onBatchWrite = unanswered(
            "BatchWriteItem");

    private Function<UpdateItemRequest, CompletableFuture<UpdateItemResponse>> onUpdate = unanswered("UpdateItem");

    private Function<TransactWriteItemsRequest, CompletableFuture<TransactWriteItemsResponse>> onTransaction = unanswered(
            "TransactWriteItems");

    ScriptedDynamoDb answerQuery(Function<QueryRequest, QueryResponse> answer) {
        this.onQuery = request -> CompletableFuture.completedFuture(answer.apply(request));
        return this;
    }

    ScriptedDynamoDb answerBatchGet(Function<BatchGetItemRequest, CompletableFuture<BatchGetItemResponse>> answer) {
        this.onBatchGet = answer;
        return this;
    }

    ScriptedDynamoDb answerBatchWrite(
            Function<BatchWriteItemRequest, CompletableFuture<BatchWriteItemResponse>> answer) {
        this.onBatchWrite = answer;
        return this;
    }

    ScriptedDynamoDb answerUpdate(Function<UpdateItemRequest, CompletableFuture<UpdateItemResponse>> answer) {
        this.onUpdate = answer;
        return this;
    }

    ScriptedDynamoDb answerTransaction(
            Function<TransactWriteItemsRequest, CompletableFuture<TransactWriteItemsResponse>> answer) {
        this.onTransaction = answer;
        return this;
    }

    @Override
    public CompletableFuture<QueryResponse> query(QueryRequest request) {
        queries.add(request);
        return onQuery.apply(request);
    }

    @Override
    public CompletableFuture<BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
        batchGets.add(request);
        return onBatchGet.apply(request);
    }

    @Override
    public CompletableFuture<BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
        batchWrites.add(request);
        return onBatchWrite.apply(request);
    }

    @Override
    public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest request) {
        updates.add(request);
        return onUpdate.apply(request);
    }

    @Override
    public CompletableFuture<TransactWriteItemsResponse> transactWriteItems(TransactWriteItemsRequest request) {
        transactions.add(request);
        return onTransaction.apply(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private static <Q, R> Function<Q, CompletableFuture<R>> unanswered(String operation) {
        return request -> CompletableFuture
            .failedFuture(new UnsupportedOperationException("the test states no answer to " + operation));
    }

}
