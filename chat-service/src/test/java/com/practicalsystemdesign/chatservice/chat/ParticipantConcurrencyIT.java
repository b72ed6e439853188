package com.practicalsystemdesign.chatservice.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent requests against one chat: each id is reported added exactly once, and
 * nothing outlives its chat.
 */
class ParticipantConcurrencyIT extends DynamoDbLocalTest {

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private ChatTablesProperties tables;

    @Test
    void reportsOneIdAddedExactlyOnceAcrossSixteenConcurrentAdds() {
        Chat chat = createChat("Sixteen");

        Mono<List<Reply>> replies = Flux.range(0, 16)
            .flatMap(attempt -> postJson("/chats/{chat_id}/participants", Map.of("participant_ids", List.of("racer")),
                    chat.id()), 16)
            .collectList();

        StepVerifier.create(replies).assertNext(all -> {
            assertThat(all).extracting(Reply::status).containsOnly(HttpStatus.CREATED);
            assertThat(all.stream().mapToInt(reply -> reply.json().size()).sum()).isEqualTo(1);
        }).verifyComplete();
        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectBody()
            .jsonPath("$.participants.length()")
            .isEqualTo(1);
    }

    @Test
    void reportsEveryIdExactlyOnceAcrossConcurrentOverlappingRequests() {
        Chat chat = createChat("Overlapping");
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> "member-" + i).toList();

        Mono<List<String>> reported = Flux.range(0, 8)
            .flatMap(request -> postJson("/chats/{chat_id}/participants", Map.of("participant_ids", shuffled(ids)),
                    chat.id()), 8)
            .doOnNext(reply -> assertThat(reply.status()).isEqualTo(HttpStatus.CREATED))
            .flatMapIterable(
                    reply -> reply.json().valueStream().map(added -> added.get("participant_id").asString()).toList())
            .collectList();

        StepVerifier.create(reported)
            .assertNext(all -> assertThat(all).containsExactlyInAnyOrderElementsOf(ids))
            .verifyComplete();
    }

    @RepeatedTest(3)
    void leavesNoParticipantOfChatDeletedWhileParticipantsAreAdded() {
        Chat chat = createChat("Deleted while joining");
        addParticipants(chat.id(), List.of("early-1", "early-2"));
        List<List<String>> batches = IntStream.range(0, 12)
            .mapToObj(batch -> IntStream.range(0, 5).mapToObj(i -> "late-" + batch + "-" + i).toList())
            .toList();

        Flux<Reply> adds = Flux.fromIterable(batches)
            .flatMap(batch -> postJson("/chats/{chat_id}/participants", Map.of("participant_ids", batch), chat.id()),
                    12);
        Mono<Reply> deletion = Mono.delay(Duration.ofMillis(15)).then(delete("/chats/{chat_id}", chat.id()));

        StepVerifier.create(Flux.merge(adds, deletion.flux()).collectList()).assertNext(replies -> {
            assertThat(replies).extracting(Reply::status)
                .allMatch(status -> status == HttpStatus.CREATED || status == HttpStatus.NOT_FOUND
                        || status == HttpStatus.OK);
            assertThat(replies).extracting(Reply::status).contains(HttpStatus.OK);
        }).verifyComplete();
        StepVerifier.create(participantItemsOf(chat.id())).expectNext(0).verifyComplete();
        client.get().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isNotFound();
    }

    private Mono<Integer> participantItemsOf(String chatId) {
        return Mono.fromFuture(() -> dynamoDb.query(query -> query.tableName(tables.participants())
            .keyConditionExpression("chatId = :chat")
            .expressionAttributeValues(Map.of(":chat", AttributeValue.fromS(chatId)))
            .consistentRead(true))).map(response -> response.count());
    }

    private static List<String> shuffled(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.shuffle(copy);
        return copy;
    }

}
