package com.practicalsystemdesign.chatservice.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;

/**
 * The OpenAPI document names fields as the API sends them, Swagger UI is served, and
 * /health sees DynamoDB.
 */
class DocumentationAndHealthIT extends DynamoDbLocalTest {

    @Test
    void documentsEveryChatPathWithSnakeCaseFields() {
        client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.info.title")
            .isEqualTo("chat-service")
            .jsonPath("$.paths['/chats'].post")
            .exists()
            .jsonPath("$.paths['/chats/{chat_id}'].get")
            .exists()
            .jsonPath("$.paths['/chats/{chat_id}'].delete")
            .exists()
            .jsonPath("$.paths['/chats/participant/{participant_id}'].get")
            .exists()
            .jsonPath("$.paths['/chats/{chat_id}/participants'].post")
            .exists()
            .jsonPath("$.paths['/chats/{chat_id}/participants/{participant_id}'].delete")
            .exists()
            .jsonPath("$.components.schemas.Chat.properties.created_at")
            .exists()
            .jsonPath("$.components.schemas.Chat.properties.createdAt")
            .doesNotExist()
            .jsonPath("$.components.schemas.ChatParticipant.properties.participant_id")
            .exists()
            .jsonPath("$.components.schemas.ChatParticipant.properties.joined_at")
            .exists()
            .jsonPath("$.components.schemas.AddParticipantsRequest.properties.participant_ids")
            .exists();
    }

    @Test
    void servesSwaggerUi() {
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void reportsHealthyWithDynamoDb() {
        HealthAnswer.expect(client, "healthy", Map.of("dynamodb", "healthy"))
            .jsonPath("$.service")
            .isEqualTo("chat-service");
    }

}
