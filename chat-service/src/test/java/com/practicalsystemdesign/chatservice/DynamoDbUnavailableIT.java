package com.practicalsystemdesign.chatservice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.DynamoDbStore;
import com.practicalsystemdesign.common.testing.RealStores;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB going away and coming back, through a {@link TcpGate} in front of DynamoDB
 * Local: every endpoint answers a 503 problem within the API's two seconds, health says
 * unhealthy and readiness down, and the same running service works again once DynamoDB is
 * back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
class DynamoDbUnavailableIT {

    private static final Duration BUDGET = Duration.ofSeconds(2);

    private static final TcpGate GATE = TcpGate.openTo(RealStores.dynamoDb().endpoint());

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private WebTestClient client;

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @LocalManagementPort
    private int managementPort;

    @DynamicPropertySource
    static void dynamoDbBehindGate(DynamicPropertyRegistry registry) {
        new DynamoDbStore(GATE.endpoint(), RealStores.dynamoDb().region()).register(registry);
        registry.add("chats.table", () -> "GateChats-" + SUFFIX);
        registry.add("chat-participants.table", () -> "GateChatParticipants-" + SUFFIX);
    }

    @AfterEach
    void dynamoDbIsBack() {
        GATE.open();
    }

    @Test
    void answersEveryEndpointWithServiceUnavailableProblemWithinTwoSecondsWhileDynamoDbIsDown() {
        String chatId = createChat();
        GATE.shut();

        List<Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>>> requests = List.of(
                web -> web.post().uri("/chats").bodyValue(Map.of("name", "Down")),
                web -> web.get().uri("/chats/{chat_id}", chatId), web -> web.get().uri("/chats/x"),
                web -> web.delete().uri("/chats/{chat_id}", chatId), web -> web.get().uri("/chats/participant/user-1"),
                web -> web.post()
                    .uri("/chats/{chat_id}/participants", chatId)
                    .bodyValue(Map.of("participant_ids", List.of("user-1"))),
                web -> web.delete().uri("/chats/{chat_id}/participants/user-1", chatId));
        for (var request : requests) {
            Instant start = Instant.now();
            request.apply(client)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.title")
                .isEqualTo("Service Unavailable")
                .jsonPath("$.detail")
                .isEqualTo("DynamoDB is temporarily unavailable; retry shortly");
            assertThat(Duration.between(start, Instant.now())).isLessThan(BUDGET);
        }
    }

    @Test
    void reportsUnhealthyAndNotReadyWhileDynamoDbIsDown() {
        GATE.shut();

        Instant start = Instant.now();
        client.get()
            .uri("/health")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("unhealthy")
            .jsonPath("$.service")
            .isEqualTo("chat-service")
            .jsonPath("$.dependencies.dynamodb")
            .isEqualTo("unhealthy");
        assertThat(Duration.between(start, Instant.now())).isLessThan(BUDGET);
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void recoversWithoutRestartWhenDynamoDbIsBack() {
        GATE.shut();
        client.get().uri("/chats/x").exchange().expectStatus().isEqualTo(503);

        GATE.open();

        String chatId = createChat();
        client.get().uri("/chats/{chat_id}", chatId).exchange().expectStatus().isOk();
        client.get()
            .uri("/health")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.dependencies.dynamodb")
            .isEqualTo("healthy");
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void boundsEveryDynamoDbCallByTheConfiguredLimits() {
        ClientOverrideConfiguration limits = dynamoDb.serviceClientConfiguration().overrideConfiguration();

        assertThat(limits.apiCallTimeout()).contains(Duration.ofMillis(1500));
        assertThat(limits.apiCallAttemptTimeout()).contains(Duration.ofMillis(700));
    }

    @Test
    void startsWithoutDynamoDbWhenTableCreationIsOff() {
        String nothingListening = "http://127.0.0.1:" + closedPort();

        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(ChatServiceApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--dynamodb.endpoint=" + nothingListening,
                "--chat.tables.create-missing=false")) {
            WebTestClient web = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
            Instant start = Instant.now();
            web.get()
                .uri("/chats/x")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(Duration.between(start, Instant.now())).isLessThan(BUDGET);
            web.get()
                .uri("/health")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("unhealthy");
        }
    }

    private String createChat() {
        return client.post()
            .uri("/chats")
            .bodyValue(Map.of("name", "Gate"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .toString();
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
