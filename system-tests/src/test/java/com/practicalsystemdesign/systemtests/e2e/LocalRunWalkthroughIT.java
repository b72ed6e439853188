package com.practicalsystemdesign.systemtests.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;
import com.practicalsystemdesign.systemtests.observability.GrafanaDashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's walkthrough, curl by curl, through the real nginx gateway in front of the
 * real service jars, started and stopped by scripts/local-up.sh and
 * scripts/local-down.sh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresTool(Tool.NGINX)
class LocalRunWalkthroughIT {

    private static final String UNIQUE = UUID.randomUUID().toString().substring(0, 8);

    private static LocalRun stack;

    private static Gateway gateway;

    @BeforeAll
    static void startTheLocalRun() {
        stack = new LocalRun(Path.of("target", "e2e-run").toAbsolutePath());
        assertThat(stack.up()).as("scripts/local-up.sh exit code; see target/e2e-run-local-up.sh.out").isZero();
        gateway = new Gateway(stack.gatewayUrl());
    }

    @AfterAll
    static void stopTheLocalRun() {
        if (stack != null && !stack.recordedPids().isEmpty()) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void gatewayAnswersItsOwnHealth() {
        Reply health = gateway.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json().get("status").asString()).isEqualTo("healthy");
        assertThat(health.json().get("service").asString()).isEqualTo("api-gateway");
    }

    @Test
    @Order(2)
    void eachServiceHealthIsReachableThroughTheGateway() {
        // A store check that outlasts its 1 s bound on a busy machine says unhealthy for
        // that answer; the next one, on warm paths, says how the stores are.
        await("both services healthy through the gateway").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Reply users = gateway.get("/api/users/health");
            Reply chats = gateway.get("/api/chats/health");

            assertThat(users.status()).as(users.toString()).isEqualTo(200);
            assertThat(users.json().get("service").asString()).isEqualTo("user-service");
            assertThat(users.json().at("/dependencies/postgres").asString()).isEqualTo("healthy");
            assertThat(users.json().at("/dependencies/redis").asString()).isEqualTo("healthy");
            assertThat(chats.status()).as(chats.toString()).isEqualTo(200);
            assertThat(chats.json().at("/dependencies/dynamodb").asString()).isEqualTo("healthy");
        });
    }

    @Test
    @Order(3)
    void usersWalkthroughWithTheCacheMissThenHitInTheLog() {
        Reply alice = gateway.post("/api/users",
                "{\"name\":\"Alice Smith\",\"email\":\"alice-" + UNIQUE + "@example.com\"}");
        Reply bob = gateway.post("/api/users", "{\"name\":\"Bob Jones\",\"email\":\"bob-" + UNIQUE + "@example.com\"}");
        assertThat(alice.status()).as(alice.toString()).isEqualTo(201);
        assertThat(bob.status()).as(bob.toString()).isEqualTo(201);
        long aliceId = alice.json().get("id").asLong();
        long bobId = bob.json().get("id").asLong();
        assertThat(alice.json().get("created_at").asString()).endsWith("Z");

        Reply list = gateway.get("/api/users?limit=100&offset=0");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.json())).contains(aliceId, bobId);

        assertThat(gateway.get("/api/users/" + aliceId).json().get("name").asString()).isEqualTo("Alice Smith");
        assertThat(gateway.get("/api/users/" + aliceId).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(
                    () -> assertThat(stack.readLog("user-service")).containsPattern("CACHE MISS.*\\b" + aliceId + "\\b")
                        .containsPattern("CACHE HIT.*\\b" + aliceId + "\\b"));

        Reply updated = gateway.put("/api/users/" + aliceId, "{\"name\":\"Alice Cooper\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("email").asString()).isEqualTo("alice-" + UNIQUE + "@example.com");
        assertThat(gateway.get("/api/users/" + aliceId).json().get("name").asString()).isEqualTo("Alice Cooper");

        Reply deleted = gateway.delete("/api/users/" + bobId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("User " + bobId + " deleted successfully");
        assertThat(deleted.json().get("id").asString()).isEqualTo(String.valueOf(bobId));

        Reply gone = gateway.get("/api/users/" + bobId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(4)
    void duplicateEmailAndInvalidInputAreClientErrors() {
        String email = "carol-" + UNIQUE + "@example.com";
        assertThat(gateway.post("/api/users", "{\"name\":\"Carol\",\"email\":\"" + email + "\"}").status())
            .isEqualTo(201);

        Reply duplicate = gateway.post("/api/users",
                "{\"name\":\"Carol 2\",\"email\":\"" + email.toUpperCase() + "\"}");
        Reply invalid = gateway.post("/api/users", "{\"name\":\"\",\"email\":\"not-an-email\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors")).hasSize(2);
    }

    @Test
    @Order(5)
    void chatsWalkthrough() {
        Reply chat = gateway.post("/api/chats", "{\"name\":\"Project Alpha\",\"metadata\":{\"type\":\"project\"}}");
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String chatId = chat.json().get("id").asString();
        assertThat(chatId).matches("chat-[0-9a-f]{12}");
        String alice = "user-a-" + UNIQUE;
        String bob = "user-b-" + UNIQUE;

        Reply added = gateway.post("/api/chats/" + chatId + "/participants",
                "{\"participant_ids\":[\"" + alice + "\",\"" + bob + "\",\"" + alice + "\"]}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json()).hasSize(2);

        Reply withParticipants = gateway.get("/api/chats/" + chatId);
        assertThat(withParticipants.status()).isEqualTo(200);
        assertThat(withParticipants.json().at("/chat/metadata/type").asString()).isEqualTo("project");
        assertThat(withParticipants.json().get("participants")).hasSize(2);

        Reply chatsOfAlice = gateway.get("/api/chats/participant/" + alice);
        assertThat(chatsOfAlice.status()).isEqualTo(200);
        assertThat(chatsOfAlice.json()).hasSize(1);
        assertThat(chatsOfAlice.json().get(0).get("id").asString()).isEqualTo(chatId);

        Reply removed = gateway.delete("/api/chats/" + chatId + "/participants/" + bob);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("message").asString())
            .isEqualTo("Participant " + bob + " removed from chat " + chatId);

        Reply deleted = gateway.delete("/api/chats/" + chatId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("Chat " + chatId + " deleted");
        assertThat(gateway.get("/api/chats/" + chatId).status()).isEqualTo(404);
        assertThat(gateway.get("/api/chats/participant/" + alice).json()).isEmpty();
    }

    @Test
    @Order(6)
    void unknownRoutesAreJsonNotFoundsAndActuatorIsNotExposed() {
        for (String path : List.of("/api/usersXYZ", "/actuator/health", "/api/chatsX/1", "/index.html",
                "/swagger-ui.html")) {
            Reply reply = gateway.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
            assertThat(reply.body()).as(path)
                .isEqualTo("{\"error\":\"Not found\",\"message\":\"Route not configured in API gateway\"}");
        }
    }

    @Test
    @Order(7)
    void requestIdFromTheClientReachesTheServiceLog() {
        Reply created = gateway.post("/api/users", "{\"name\":\"Dana\",\"email\":\"dana-" + UNIQUE + "@example.com\"}");
        String requestId = "e2e-" + UNIQUE;

        Reply reply = gateway.get("/api/users/" + created.json().get("id").asLong(), "X-Request-ID", requestId);

        assertThat(reply.requestId()).isEqualTo(requestId);
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(stack.readLog("user-service")).contains("[" + requestId + ","));
        assertThat(gateway.get("/health").requestId()).matches("[0-9a-f]{32}");
    }

    @Test
    @Order(8)
    void theClientsTraceparentReachesBothServicesLogs() {
        Reply created = gateway.post("/api/users",
                "{\"name\":\"Tracy\",\"email\":\"tracy-" + UNIQUE + "@example.com\"}");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";

        Reply user = gateway.get("/api/users/" + created.json().get("id").asLong(), "X-Request-ID",
                "e2e-trace-" + UNIQUE, "traceparent", traceparent);
        Reply chat = gateway.send("POST", "/api/chats", "{\"name\":\"Traced\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "traceparent", traceparent);

        assertThat(user.status()).isEqualTo(200);
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(stack.readLog("user-service")).containsPattern("\\[e2e-trace-" + UNIQUE + "," + traceId
                    + "] .*CACHE (HIT|MISS) for user " + created.json().get("id").asLong());
            assertThat(stack.readLog("chat-service")).containsPattern(
                    "\\[" + chat.requestId() + "," + traceId + "] .*Created chat " + chat.json().get("id").asString());
        });
    }

    @Test
    @Order(9)
    void withoutATraceparentTheGatewaysRequestIdIsTheTraceId() {
        Reply chat = gateway.send("POST", "/api/chats", "{\"name\":\"Untraced\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "traceparent", "not-a-traceparent");

        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        assertThat(chat.requestId()).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(stack.readLog("chat-service")).containsPattern("\\[" + chat.requestId()
                    + "," + chat.requestId() + "] .*Created chat " + chat.json().get("id").asString()));
    }

    @Test
    @Order(10)
    void everyMetricOfTheDashboardIsServedByTheServices() {
        Set<String> served = new TreeSet<>();
        for (String port : List.of(stack.setting("USER_MANAGEMENT_PORT"), stack.setting("CHAT_MANAGEMENT_PORT"))) {
            Reply metrics = new Gateway("http://127.0.0.1:" + port).get("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            metrics.body()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> served.add(line.split("[{ ]", 2)[0]));
        }

        assertThat(served).containsAll(GrafanaDashboard.read().metricNames());
    }

    @Test
    @Order(11)
    void runningLocalUpAgainIsHarmless() {
        List<Long> before = stack.recordedPids();

        assertThat(stack.up()).isZero();

        assertThat(stack.recordedPids()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(gateway.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(12)
    void localDownStopsEverythingLocalUpStarted() {
        List<Long> pids = stack.recordedPids();
        assertThat(pids).hasSizeGreaterThanOrEqualTo(4);

        assertThat(stack.down()).isZero();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("process %d still alive", pid)
            .isFalse());
        assertThat(stack.recordedPids()).isEmpty();
        assertThat(stack.down()).as("a second local-down.sh").isZero();
    }

    private static List<Long> ids(JsonNode users) {
        return StreamSupport.stream(users.spliterator(), false).map(user -> user.get("id").asLong()).toList();
    }

}
