package com.practicalsystemdesign.chatservice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.testing.DynamoDbStore;
import com.practicalsystemdesign.common.testing.Fixtures;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB going away and coming back, through a {@link TcpProxy} in front of DynamoDB
 * Local: every endpoint answers a 503 problem within the API's two seconds, health says
 * unhealthy and readiness down, and the same running service works again once DynamoDB is
 * back.
 */
class DynamoDbUnavailableIT extends OutageTest {

    private static final TcpProxy dynamoDbProxy = TcpProxy.to(RealStores.dynamoDb().endpoint());

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @DynamicPropertySource
    static void dynamoDbBehindGate(DynamicPropertyRegistry registry) {
        new DynamoDbStore(dynamoDbProxy.endpoint(), RealStores.dynamoDb().region()).register(registry);
        registry.add("chats.table", () -> "GateChats-" + SUFFIX);
        registry.add("chat-participants.table", () -> "GateChatParticipants-" + SUFFIX);
    }

    @AfterEach
    void dynamoDbIsBack() {
        dynamoDbProxy.forward();
    }

    @AfterAll
    static void closeProxy() {
        dynamoDbProxy.close();
    }

    @Test
    void answersEveryEndpointWithServiceUnavailableProblemWithinTwoSecondsWhileDynamoDbIsDown() {
        String chatId = Fixtures.createChat(client, "Gate");
        dynamoDbProxy.cut();

        List<Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>>> requests = List.of(
                web -> web.post().uri("/chats").bodyValue(Map.of("name", "Down")),
                web -> web.get().uri("/chats/{chat_id}", chatId), web -> web.get().uri("/chats/x"),
                web -> web.delete().uri("/chats/{chat_id}", chatId), web -> web.get().uri("/chats/participant/user-1"),
                web -> web.post()
                    .uri("/chats/{chat_id}/participants", chatId)
                    .bodyValue(Map.of("participant_ids", List.of("user-1"))),
                web -> web.delete().uri("/chats/{chat_id}/participants/user-1", chatId));
        for (var request : requests) {
            expectUnavailableWithinPromise(request.apply(client), "DynamoDB");
        }
    }

    @Test
    void reportsUnhealthyAndNotReadyWhileDynamoDbIsDown() {
        dynamoDbProxy.cut();

        Instant start = Instant.now();
        HealthAnswer.expect(client, "unhealthy", Map.of("dynamodb", "unhealthy"))
            .jsonPath("$.service")
            .isEqualTo("chat-service");
        assertWithinPromise(start);
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void recoversWithoutRestartWhenDynamoDbIsBack() {
        dynamoDbProxy.cut();
        client.get().uri("/chats/x").exchange().expectStatus().isEqualTo(503);

        dynamoDbProxy.forward();

        String chatId = Fixtures.createChat(client, "Gate");
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
        String nothingListening = "http://127.0.0.1:" + Ports.free();

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
            assertWithinPromise(start);
            HealthAnswer.expect(web, "unhealthy", Map.of());
        }
    }

}
