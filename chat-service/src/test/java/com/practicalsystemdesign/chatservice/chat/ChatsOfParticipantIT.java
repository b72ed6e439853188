package com.practicalsystemdesign.chatservice.chat;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.common.model.Chat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chats of a participant are complete however many pages the GSI query takes (40
 * items per page here) and however many BatchGetItem calls the chats need (100 keys
 * each).
 */
class ChatsOfParticipantIT extends DynamoDbLocalTest {

    private static final int CHATS = 250;

    @Test
    void returnsAllTwoHundredFiftyChatsOfParticipantOldestFirst() {
        String participant = "busy-" + UUID.randomUUID();
        List<Chat> created = createChatsWith(participant, CHATS);

        List<Chat> listed = client.get()
            .uri("/chats/participant/{participant_id}", participant)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(Chat.class)
            .returnResult()
            .getResponseBody();

        assertThat(listed).hasSize(CHATS)
            .containsExactlyInAnyOrderElementsOf(created)
            .isSortedAccordingTo(Comparator.comparing(Chat::createdAt).thenComparing(Chat::id));
    }

    @Test
    void leavesOutChatsDeletedSinceTheParticipantJoined() {
        String participant = "leaver-" + UUID.randomUUID();
        List<Chat> created = createChatsWith(participant, 3);

        client.delete().uri("/chats/{chat_id}", created.get(1).id()).exchange().expectStatus().isOk();

        client.get()
            .uri("/chats/participant/{participant_id}", participant)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(Chat.class)
            .isEqualTo(List.of(created.get(0), created.get(2)));
    }

    /** Through the API, 16 requests at a time; returns the chats in creation order. */
    private List<Chat> createChatsWith(String participant, int count) {
        List<Chat> chats = new java.util.ArrayList<>();
        StepVerifier.create(Flux.range(0, count)
            .flatMapSequential(index -> http().post()
                .uri("/chats")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Chat " + index, "metadata", Map.of("index", index)))
                .retrieve()
                .bodyToMono(Chat.class)
                .flatMap(chat -> http().post()
                    .uri("/chats/{chat_id}/participants", chat.id())
                    .bodyValue(Map.of("participant_ids", List.of(participant)))
                    .retrieve()
                    .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                    })
                    .doOnNext(added -> assertThat(added).hasSize(1))
                    .thenReturn(chat)), 16))
            .recordWith(() -> chats)
            .expectNextCount(count)
            .verifyComplete();
        chats.sort(Comparator.comparing(Chat::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Chat::id));
        return chats;
    }

}
