package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.common.testing.Fixtures;

/**
 * The original README's chat walkthrough, word for word, on tables of its own (named
 * through the original settings {@code CHATS_TABLE} / {@code CHAT_PARTICIPANTS_TABLE},
 * which the service creates at start), so {@code user-1} has no chats from other tests.
 */
class ReadmeChatFlowIT extends DynamoDbLocalTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void tablesOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("chats.table", () -> "ReadmeChats-" + SUFFIX);
        registry.add("chat-participants.table", () -> "ReadmeChatParticipants-" + SUFFIX);
    }

    @Test
    void walksThroughTheOriginalChatFlow() {
        // Create a chat
        String chatId = Fixtures.createChat(client,
                Map.of("name", "Project Alpha", "metadata", Map.of("type", "project")));

        // Add participants
        client.post()
            .uri("/chats/{chat_id}/participants", chatId)
            .bodyValue(Map.of("participant_ids", List.of("user-1", "user-2", "user-3")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$[*].participant_id")
            .isEqualTo(List.of("user-1", "user-2", "user-3"));

        // Get chat with participants
        client.get()
            .uri("/chats/{chat_id}", chatId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.chat.name")
            .isEqualTo("Project Alpha")
            .jsonPath("$.chat.metadata.type")
            .isEqualTo("project")
            .jsonPath("$.participants[*].participant_id")
            .isEqualTo(List.of("user-1", "user-2", "user-3"));

        // Get all chats for a participant
        client.get()
            .uri("/chats/participant/user-1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.length()")
            .isEqualTo(1)
            .jsonPath("$[0].id")
            .isEqualTo(chatId)
            .jsonPath("$[0].name")
            .isEqualTo("Project Alpha");

        // Remove a participant
        client.delete()
            .uri("/chats/{chat_id}/participants/user-2", chatId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.message")
            .isEqualTo("Participant user-2 removed from chat " + chatId)
            .jsonPath("$.id")
            .isEqualTo(chatId);
        client.get().uri("/chats/participant/user-2").exchange().expectStatus().isOk().expectBody().json("[]", true);

        // Delete the chat
        client.delete()
            .uri("/chats/{chat_id}", chatId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.message")
            .isEqualTo("Chat " + chatId + " deleted")
            .jsonPath("$.id")
            .isEqualTo(chatId);
        client.get().uri("/chats/{chat_id}", chatId).exchange().expectStatus().isNotFound();
        client.get().uri("/chats/participant/user-1").exchange().expectStatus().isOk().expectBody().json("[]", true);
    }

}
