package com.practicalsystemdesign.systemtests.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The chat-service's two tables read straight from DynamoDB Local, past the service: what
 * is really stored, including what the API would hide (a participant whose chat is gone).
 */
public final class ChatTables implements AutoCloseable {

    static final String CHATS = "Chats";

    static final String PARTICIPANTS = "ChatParticipants";

    static final String PARTICIPANT_INDEX = "participantId-index";

    private final DynamoDbClient dynamoDb;

    public ChatTables(URI endpoint) {
        this.dynamoDb = DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            // DynamoDB Local accepts any key; a real one is never needed.
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    }

    /**
     * Every item of both tables, each as one line (table and sorted attributes), in
     * order.
     */
    Set<String> everything() {
        Set<String> items = new TreeSet<>();
        for (String table : List.of(CHATS, PARTICIPANTS)) {
            dynamoDb.scanPaginator(scan -> scan.tableName(table).consistentRead(true))
                .items()
                .forEach(item -> items.add(table + " " + new TreeMap<>(item)));
        }
        return items;
    }

    boolean chatExists(String chatId) {
        return dynamoDb
            .getItem(get -> get.tableName(CHATS).key(Map.of("id", AttributeValue.fromS(chatId))).consistentRead(true))
            .hasItem();
    }

    /**
     * The participant ids of a chat as the base table holds them (strongly consistent).
     */
    Set<String> participantsOf(String chatId) {
        Set<String> ids = new TreeSet<>();
        dynamoDb
            .queryPaginator(query -> query.tableName(PARTICIPANTS)
                .keyConditionExpression("chatId = :chat")
                .expressionAttributeValues(Map.of(":chat", AttributeValue.fromS(chatId)))
                .consistentRead(true))
            .items()
            .forEach(item -> ids.add(item.get("participantId").s()));
        return ids;
    }

    /** The chat ids the GSI {@code participantId-index} lists for a participant. */
    Set<String> chatsInIndexOf(String participantId) {
        Set<String> chatIds = new TreeSet<>();
        dynamoDb
            .queryPaginator(query -> query.tableName(PARTICIPANTS)
                .indexName(PARTICIPANT_INDEX)
                .keyConditionExpression("participantId = :participant")
                .expressionAttributeValues(Map.of(":participant", AttributeValue.fromS(participantId))))
            .items()
            .forEach(item -> chatIds.add(item.get("chatId").s()));
        return chatIds;
    }

    /** Entries of the GSI that name this chat, whichever participant they belong to. */
    Set<String> indexEntriesOf(String chatId) {
        Set<String> participantIds = new TreeSet<>();
        dynamoDb
            .scanPaginator(scan -> scan.tableName(PARTICIPANTS)
                .indexName(PARTICIPANT_INDEX)
                .filterExpression("chatId = :chat")
                .expressionAttributeValues(Map.of(":chat", AttributeValue.fromS(chatId))))
            .items()
            .forEach(item -> participantIds.add(item.get("participantId").s()));
        return participantIds;
    }

    /**
     * Writes participant rows straight into the table, 25 to a BatchWriteItem, resending
     * what DynamoDB leaves unprocessed: many rows fast, for a lab that needs a large
     * table.
     */
    public void putParticipants(List<Map.Entry<String, String>> chatAndParticipant) {
        List<WriteRequest> rows = chatAndParticipant.stream()
            .map(row -> WriteRequest.builder()
                .putRequest(PutRequest.builder()
                    .item(Map.of("chatId", AttributeValue.fromS(row.getKey()), "participantId",
                            AttributeValue.fromS(row.getValue()), "joinedAt",
                            AttributeValue.fromS("2026-01-01T00:00:00Z")))
                    .build())
                .build())
            .toList();
        List<Future<?>> written = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            for (int first = 0; first < rows.size(); first += 25) {
                List<WriteRequest> batch = rows.subList(first, Math.min(rows.size(), first + 25));
                written.add(writers.submit(() -> writeAll(batch)));
            }
        }
        for (Future<?> batch : written) {
            try {
                batch.get();
            }
            catch (InterruptedException | ExecutionException ex) {
                throw new IllegalStateException("a BatchWriteItem of participant rows failed", ex);
            }
        }
    }

    private void writeAll(List<WriteRequest> rows) {
        Map<String, List<WriteRequest>> pending = Map.of(PARTICIPANTS, rows);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> batch = pending;
            var response = dynamoDb.batchWriteItem(write -> write.requestItems(batch));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Items the GSI query for a participant reads: DynamoDB's own ScannedCount. */
    public long itemsReadByIndexQuery(String participantId) {
        long read = 0;
        for (var page : dynamoDb.queryPaginator(query -> query.tableName(PARTICIPANTS)
            .indexName(PARTICIPANT_INDEX)
            .keyConditionExpression("participantId = :participant")
            .expressionAttributeValues(Map.of(":participant", AttributeValue.fromS(participantId)))
            .select(Select.COUNT))) {
            read += page.scannedCount();
        }
        return read;
    }

    /**
     * The chats of a participant found without the index: a Scan of every participant row
     * with a filter, then the chats themselves; what a table without the GSI would have
     * to do.
     */
    public ScanAnswer chatsOfParticipantByScan(String participantId) {
        long read = 0;
        List<String> chatIds = new ArrayList<>();
        for (ScanResponse page : dynamoDb.scanPaginator(scan -> scan.tableName(PARTICIPANTS)
            .filterExpression("participantId = :participant")
            .expressionAttributeValues(Map.of(":participant", AttributeValue.fromS(participantId))))) {
            read += page.scannedCount();
            page.items().forEach(item -> chatIds.add(item.get("chatId").s()));
        }
        List<Map<String, AttributeValue>> keys = chatIds.stream()
            .map(id -> Map.of("id", AttributeValue.fromS(id)))
            .toList();
        int chats = keys.isEmpty() ? 0 : dynamoDb
            .batchGetItem(get -> get.requestItems(Map.of(CHATS, KeysAndAttributes.builder().keys(keys).build())))
            .responses()
            .getOrDefault(CHATS, List.of())
            .size();
        return new ScanAnswer(read + chats, chats);
    }

    /** Items a scan read (participant rows and chats) and the chats it found. */
    public record ScanAnswer(long itemsRead, int chats) {
    }

    @Override
    public void close() {
        dynamoDb.close();
    }

}
