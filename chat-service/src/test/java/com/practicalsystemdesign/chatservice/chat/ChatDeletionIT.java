package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;

/**
 * Deleting a chat removes every participant from the table and the GSI, also after an
 * interrupted delete, and of concurrent deletes exactly one succeeds.
 */
class ChatDeletionIT extends DynamoDbLocalTest {

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private ChatTablesProperties tables;

    @Test
    void deletingChatWithOneHundredFiftyParticipantsLeavesNoneInIndex() {
        Chat chat = createChat("Crowded");
        List<String> participants = IntStream.range(0, 150).mapToObj(i -> "crowd-" + UUID.randomUUID()).toList();
        addParticipants(chat.id(), participants.subList(0, 100));
        addParticipants(chat.id(), participants.subList(100, 150));
        StepVerifier.create(indexEntriesFor(chat.id(), participants)).expectNext(150L).verifyComplete();

        client.delete().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isOk();

        StepVerifier.create(indexEntriesFor(chat.id(), participants)).expectNext(0L).verifyComplete();
        StepVerifier.create(participantItemsOf(chat.id())).expectNext(0).verifyComplete();
        StepVerifier.create(chatItem(chat.id())).expectNext(false).verifyComplete();
        client.get().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void ofEightConcurrentDeletesOfOneChatExactlyOneSucceedsAndTheOthersAreNotFound() {
        Chat chat = createChat("Deleted Eight Times");
        List<String> participants = IntStream.range(0, 40).mapToObj(i -> "raced-" + UUID.randomUUID()).toList();
        addParticipants(chat.id(), participants);

        Mono<List<Integer>> statuses = Flux.range(0, 8)
            .flatMap(
                    attempt -> http().delete()
                        .uri("/chats/{chat_id}", chat.id())
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                    8)
            .collectSortedList();

        StepVerifier.create(statuses).expectNext(List.of(200, 404, 404, 404, 404, 404, 404, 404)).verifyComplete();
        StepVerifier.create(indexEntriesFor(chat.id(), participants)).expectNext(0L).verifyComplete();
        StepVerifier.create(participantItemsOf(chat.id())).expectNext(0).verifyComplete();
        StepVerifier.create(chatItem(chat.id())).expectNext(false).verifyComplete();
    }

    @Test
    void chatLeftMarkedByInterruptedDeleteIsGoneForReadersAndItsDeleteCanBeFinished() {
        String participant = "marked-" + UUID.randomUUID();
        Chat chat = createChat("Interrupted");
        List<String> participants = IntStream.range(0, 60).mapToObj(i -> participant + "-" + i).toList();
        addParticipants(chat.id(), participants);
        addParticipants(chat.id(), List.of(participant));
        StepVerifier.create(markDeletingAsACrashedDeleteWould(chat.id())).verifyComplete();

        client.get().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isNotFound();
        client.get()
            .uri("/chats/participant/{participant_id}", participant)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("[]", true);
        client.post()
            .uri("/chats/{chat_id}/participants", chat.id())
            .bodyValue(Map.of("participant_ids", List.of("latecomer")))
            .exchange()
            .expectStatus()
            .isNotFound();
        client.delete()
            .uri("/chats/{chat_id}/participants/{participant_id}", chat.id(), participant)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Chat " + chat.id() + " not found");

        client.delete()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.message")
            .isEqualTo("Chat " + chat.id() + " deleted");

        StepVerifier.create(participantItemsOf(chat.id())).expectNext(0).verifyComplete();
        StepVerifier.create(chatItem(chat.id())).expectNext(false).verifyComplete();
        client.delete().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isNotFound();
    }

    /** Index entries pointing at the chat, one GSI query per participant. */
    private Mono<Long> indexEntriesFor(String chatId, List<String> participants) {
        return Flux.fromIterable(participants)
            .flatMap(participant -> Mono.fromFuture(() -> dynamoDb.query(query -> query.tableName(tables.participants())
                .indexName("participantId-index")
                .keyConditionExpression("participantId = :participant AND chatId = :chat")
                .expressionAttributeValues(Map.of(":participant", AttributeValue.fromS(participant), ":chat",
                        AttributeValue.fromS(chatId))))),
                    16)
            .map(response -> (long) response.count())
            .reduce(0L, Long::sum);
    }

    private Mono<Integer> participantItemsOf(String chatId) {
        return Mono.fromFuture(() -> dynamoDb.query(query -> query.tableName(tables.participants())
            .keyConditionExpression("chatId = :chat")
            .expressionAttributeValues(Map.of(":chat", AttributeValue.fromS(chatId)))
            .consistentRead(true))).map(response -> response.count());
    }

    private Mono<Boolean> chatItem(String chatId) {
        return Mono.fromFuture(() -> dynamoDb.getItem(get -> get.tableName(tables.chats())
            .key(Map.of("id", AttributeValue.fromS(chatId)))
            .consistentRead(true))).map(response -> response.hasItem());
    }

    private Mono<Void> markDeletingAsACrashedDeleteWould(String chatId) {
        return Mono.fromFuture(() -> dynamoDb.updateItem(update -> update.tableName(tables.chats())
            .key(Map.of("id", AttributeValue.fromS(chatId)))
            .updateExpression("SET deleting = :true")
            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))))).then();
    }

}
