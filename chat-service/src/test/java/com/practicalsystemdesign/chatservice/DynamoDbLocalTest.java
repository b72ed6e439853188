package com.practicalsystemdesign.chatservice;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatParticipant;
import com.practicalsystemdesign.common.testing.RealStores;

/**
 * The whole service on a random port against the harness's DynamoDB Local. Every subclass
 * with no settings of its own shares one application context. Queries read 40 items per
 * page, so every list longer than that (participants of a chat, chats of a participant, a
 * delete's cascade) goes through DynamoDB's pagination. Tables outlive a test class, so
 * tests use ids of their own. These tests judge answers, not the 1.5 s budget of a call
 * (DynamoDbUnavailableIT checks that): a DynamoDB Local on a busy machine, serializing
 * many concurrent transactions, may take longer, so here a call may take 20 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "chat.tables.query-page-size=" + DynamoDbLocalTest.PAGE_SIZE,
                "dynamodb.client.api-call-attempt-timeout=20s", "dynamodb.client.api-call-timeout=20s" })
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class DynamoDbLocalTest {

    public static final int PAGE_SIZE = 40;

    protected static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    protected WebTestClient client;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void dynamoDbLocal(DynamicPropertyRegistry registry) {
        RealStores.dynamoDb().register(registry);
    }

    /**
     * A reactive client for concurrent requests (WebTestClient waits for each exchange).
     */
    protected WebClient http() {
        return WebClient.create("http://127.0.0.1:" + port);
    }

    protected Chat createChat(String name) {
        return createChat(Map.of("name", name));
    }

    protected Chat createChat(Map<String, ?> body) {
        return client.post()
            .uri("/chats")
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Chat.class)
            .returnResult()
            .getResponseBody();
    }

    protected List<ChatParticipant> addParticipants(String chatId, List<String> participantIds) {
        return client.post()
            .uri("/chats/{chat_id}/participants", chatId)
            .bodyValue(Map.of("participant_ids", participantIds))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBodyList(ChatParticipant.class)
            .returnResult()
            .getResponseBody();
    }

    /** One request as a {@link Reply}, whatever its status. */
    protected Mono<Reply> send(HttpMethodCall call) {
        return call.apply(http())
            .exchangeToMono(response -> response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new Reply(HttpStatus.valueOf(response.statusCode().value()), body)))
            .timeout(Duration.ofSeconds(30));
    }

    protected Mono<Reply> postJson(String uri, Object body, Object... variables) {
        return send(web -> web.post().uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    protected Mono<Reply> delete(String uri, Object... variables) {
        return send(web -> web.delete().uri(uri, variables));
    }

    @FunctionalInterface
    protected interface HttpMethodCall {

        WebClient.RequestHeadersSpec<?> apply(WebClient web);

    }

    /** A response's status and body. */
    protected record Reply(HttpStatus status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

}
