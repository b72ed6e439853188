package com.practicalsystemdesign.systemtests.reliability;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The chat-service's two tables read straight from DynamoDB Local, past the service: what
 * is really stored, including what the API would hide (a participant whose chat is gone).
 */
final class ChatTables implements AutoCloseable {

    static final String CHATS = "Chats";

    static final String PARTICIPANTS = "ChatParticipants";

    static final String PARTICIPANT_INDEX = "participantId-index";

    private final DynamoDbClient dynamoDb;

    ChatTables(URI endpoint) {
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

    @Override
    public void close() {
        dynamoDb.close();
    }

}
