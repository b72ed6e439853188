package com.practicalsystemdesign.chatservice.system;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.DynamoDbStore;
import com.practicalsystemdesign.common.testing.Fixtures;
import com.practicalsystemdesign.common.testing.OpenApiContract;
import com.practicalsystemdesign.common.testing.OpenApiLint;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.TcpProxy;
import com.practicalsystemdesign.common.testing.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves is its true contract: every operation meets
 * every answer the document lists, and each request and answer is checked against the
 * document ({@link OpenApiContract}); DynamoDB sits behind a {@link TcpProxy} so the 503
 * answers are met too. The document also passes the OpenAPI linter.
 */
class OpenApiConformanceIT extends OutageTest {

    private static final TcpProxy dynamoDb = TcpProxy.to(RealStores.dynamoDb().endpoint());

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    private static OpenApiContract contract;

    @DynamicPropertySource
    static void dynamoDbBehindProxy(DynamicPropertyRegistry registry) {
        new DynamoDbStore(dynamoDb.endpoint(), RealStores.dynamoDb().region()).register(registry);
        registry.add("chats.table", () -> "ContractChats-" + SUFFIX);
        registry.add("chat-participants.table", () -> "ContractChatParticipants-" + SUFFIX);
    }

    private WebTestClient checked;

    @BeforeEach
    void checkEveryExchange() {
        if (contract == null) {
            contract = OpenApiContract.servedTo(client);
        }
        checked = contract.checking(client);
    }

    @AfterEach
    void bringDynamoDbBack() {
        dynamoDb.forward();
    }

    @AfterAll
    static void everyDocumentedAnswerWasMet() {
        dynamoDb.close();
        assertThat(contract.unseenAnswers()).as("answers the document lists that no exchange met").isEmpty();
    }

    @Test
    void createMeetsEveryAnswer() {
        post("/chats", Map.of("name", "Contract", "metadata",
                Map.of("type", "project", "tags", List.of("a", 1), "owner", Map.of("id", 7), "archived", false)))
            .expectStatus()
            .isCreated();
        post("/chats", "{\"name\":\"No metadata\"}").expectStatus().isCreated();
        post("/chats", Map.of("name", " ")).expectStatus().isEqualTo(422);
        post("/chats", "{\"name\":").expectStatus().isBadRequest();
        unsupportedMediaType("/chats");
        post("/chats", "{\"name\":\"" + "x".repeat(300_000) + "\"}").expectStatus().isEqualTo(413);
        notAcceptable(HttpMethod.POST, "/chats", Map.of("name", "Accept"));
        dynamoDb.cut();
        expectUnavailableWithinPromise(
                checked.post().uri("/chats").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Down")),
                "DynamoDB");
    }

    @Test
    void getMeetsEveryAnswer() {
        String chatId = Fixtures.createChat(client, "Read");
        Fixtures.createChat(client, "Other");
        post("/chats/" + chatId + "/participants", Map.of("participant_ids", List.of("user-1", "user/2")))
            .expectStatus()
            .isCreated();
        checked.get().uri("/chats/{chat_id}", chatId).exchange().expectStatus().isOk();
        checked.get().uri("/chats/chat-000000000000").exchange().expectStatus().isNotFound();
        checked.get().uri("/chats/x;y").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/chats/" + chatId, null);
        dynamoDb.cut();
        expectUnavailableWithinPromise(checked.get().uri("/chats/{chat_id}", chatId), "DynamoDB");
    }

    @Test
    void deleteMeetsEveryAnswer() {
        String chatId = Fixtures.createChat(client, "Delete");
        String kept = Fixtures.createChat(client, "Kept");
        checked.delete().uri("/chats/{chat_id}", chatId).exchange().expectStatus().isOk();
        checked.delete().uri("/chats/{chat_id}", chatId).exchange().expectStatus().isNotFound();
        checked.delete().uri("/chats/x;y").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.DELETE, "/chats/chat-000000000000", null);
        dynamoDb.cut();
        expectUnavailableWithinPromise(checked.delete().uri("/chats/{chat_id}", kept), "DynamoDB");
    }

    @Test
    void chatsOfAParticipantMeetEveryAnswer() {
        String chatId = Fixtures.createChat(client, Map.of("name", "Member", "metadata", Map.of("n", 1)));
        post("/chats/" + chatId + "/participants", Map.of("participant_ids", List.of("member-1"))).expectStatus()
            .isCreated();
        checked.get().uri("/chats/participant/{participant_id}", "member-1").exchange().expectStatus().isOk();
        checked.get().uri("/chats/participant/{participant_id}", "nobody").exchange().expectStatus().isOk();
        checked.get().uri("/chats/participant/x;y").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/chats/participant/member-1", null);
        dynamoDb.cut();
        expectUnavailableWithinPromise(checked.get().uri("/chats/participant/member-1"), "DynamoDB");
    }

    @Test
    void addParticipantsMeetsEveryAnswer() {
        String chatId = Fixtures.createChat(client, "Add");
        String uri = "/chats/" + chatId + "/participants";
        post(uri, Map.of("participant_ids", List.of("a-1", "a-2", "a-1"))).expectStatus().isCreated();
        post(uri, Map.of("participant_ids", List.of("a-1"))).expectStatus().isCreated();
        post(uri, Map.of("participant_ids", List.of())).expectStatus().isEqualTo(422);
        post(uri, Map.of("participant_ids", List.of(".."))).expectStatus().isEqualTo(422);
        post("/chats/chat-000000000000/participants", Map.of("participant_ids", List.of("a-1"))).expectStatus()
            .isNotFound();
        post(uri, "{\"participant_ids\":\"a-1\"}").expectStatus().isBadRequest();
        unsupportedMediaType(uri);
        post(uri, "{\"participant_ids\":[\"" + "x".repeat(300_000) + "\"]}").expectStatus().isEqualTo(413);
        notAcceptable(HttpMethod.POST, uri, Map.of("participant_ids", List.of("a-3")));
        dynamoDb.cut();
        expectUnavailableWithinPromise(checked.post()
            .uri(uri)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("participant_ids", List.of("a-4"))), "DynamoDB");
    }

    @Test
    void removeParticipantMeetsEveryAnswer() {
        String chatId = Fixtures.createChat(client, "Remove");
        post("/chats/" + chatId + "/participants", Map.of("participant_ids", List.of("r-1", "r-2"))).expectStatus()
            .isCreated();
        String uri = "/chats/" + chatId + "/participants/";
        checked.delete().uri(uri + "r-1").exchange().expectStatus().isOk();
        checked.delete().uri(uri + "r-1").exchange().expectStatus().isNotFound();
        checked.delete().uri(uri + "r;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.DELETE, uri + "r-9", null);
        dynamoDb.cut();
        expectUnavailableWithinPromise(checked.delete().uri(uri + "r-2"), "DynamoDB");
    }

    @Test
    void healthMeetsEveryAnswer() {
        checked.get().uri("/health").exchange().expectStatus().isOk();
        checked.get().uri("/health;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/health", null);
        dynamoDb.cut();
        checked.get().uri("/health").exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void statsMeetEveryAnswer() {
        checked.get().uri("/stats").exchange().expectStatus().isOk();
        checked.get().uri("/stats;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/stats", null);
    }

    @Test
    @RequiresTool(Tool.NPX)
    void documentPassesTheLinter() {
        OpenApiLint.assertServedDocumentHasNoErrors("chat-service", client);
    }

    private WebTestClient.ResponseSpec post(String uri, Object body) {
        return checked.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private void unsupportedMediaType(String uri) {
        checked.post()
            .uri(uri)
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=Alice")
            .exchange()
            .expectStatus()
            .isEqualTo(415);
    }

    private void notAcceptable(HttpMethod method, String uri, Object body) {
        WebTestClient.RequestBodySpec request = checked.method(method).uri(uri).accept(MediaType.IMAGE_PNG);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        request.exchange().expectStatus().isEqualTo(406);
    }

}
