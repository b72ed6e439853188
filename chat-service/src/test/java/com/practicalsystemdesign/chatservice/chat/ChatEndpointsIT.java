package com.practicalsystemdesign.chatservice.chat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatParticipant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Every endpoint of docs/api.md's chat section with each of its statuses, and how items
 * are stored.
 */
class ChatEndpointsIT extends DynamoDbLocalTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private ChatTablesProperties tables;

    @LocalServerPort
    private int port;

    @Test
    void everyParticipantIdThatCanBeAddedCanBeLookedUpAndRemovedPercentEncoded() {
        Chat chat = createChat("Reserved Characters");
        String unique = UUID.randomUUID().toString();
        List<String> ids = List.of("user/alpha-" + unique, "a;b-" + unique, "q?x#y&z=1-" + unique, "%2F-" + unique,
                "back\\slash-" + unique, "...-" + unique, "sp ace+plus-" + unique, "\uD83D\uDE00/\u00fc-" + unique);
        addParticipants(chat.id(), ids);

        for (String id : ids) {
            // As sent, encoded: a URI template would encode the percent signs once more.
            URI path = URI.create("http://127.0.0.1:" + port + "/chats/participant/" + encode(id));
            client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].id")
                .isEqualTo(chat.id());
            client.delete()
                .uri(URI.create("http://127.0.0.1:" + port + "/chats/" + chat.id() + "/participants/" + encode(id)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Participant " + id + " removed from chat " + chat.id());
            client.get().uri(path).exchange().expectStatus().isOk().expectBody().json("[]", true);
        }
    }

    @Test
    void participantIdsThatNoUrlCanAddressAreRefused() {
        Chat chat = createChat("Dot Segments");
        client.post()
            .uri("/chats/{chat_id}/participants", chat.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("participant_ids",
                    List.of("ok", "..", "../../users/x", "a/../../../b", "nul\u0000", "new\nline")))
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectBody()
            .jsonPath("$.errors[*].field")
            .value(List.class, fields -> assertThat(fields).containsExactlyInAnyOrder("participant_ids[1]",
                    "participant_ids[2]", "participant_ids[3]", "participant_ids[4]", "participant_ids[5]"));
    }

    /** Percent-encodes one path segment: every reserved character, '/' included. */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void createsChatWithGeneratedIdTrimmedNameAndCreationTime() {
        Instant before = Instant.now().minusSeconds(1);

        client.post()
            .uri("/chats")
            .bodyValue(Map.of("name", "  Project Alpha ", "metadata", Map.of("type", "project")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.id")
            .value(matchesPattern("chat-[0-9a-f]{12}"))
            .jsonPath("$.name")
            .isEqualTo("Project Alpha")
            .jsonPath("$.metadata.type")
            .isEqualTo("project")
            .jsonPath("$.created_at")
            .value(matchesPattern(ISO_UTC))
            .jsonPath("$.created_at")
            .value(createdAt -> assertThat(Instant.parse((String) createdAt)).isBetween(before,
                    Instant.now().plusSeconds(1)));
    }

    @Test
    void defaultsMetadataToEmptyObject() {
        Chat chat = createChat("No metadata");

        assertThat(chat.metadata()).isEmpty();
        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.chat.metadata")
            .isMap();
    }

    @Test
    void keepsMetadataOfEveryJsonTypeThroughStorage() {
        String metadata = """
                {"text":"x","empty":"","integer":42,"big":12345678901234567890,"decimal":1.5,"yes":true,
                 "nothing":null,"list":[1,"two",null,{"three":3}],"nested":{"deeper":{"deepest":[]}}}""";
        Chat chat = createChat(Map.of("name", "Types", "metadata", JSON.readValue(metadata, Map.class)));

        String body = client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(JSON.readTree(body).get("chat").get("metadata")).isEqualTo(JSON.readTree(metadata));
    }

    @Test
    void storesChatAsTheOriginalDesignWithMetadataAsDynamoDbMap() {
        Chat chat = createChat(Map.of("name", "Stored", "metadata", Map.of("type", "project", "tags", List.of("a"))));

        StepVerifier
            .create(Mono.fromFuture(() -> dynamoDb
                .getItem(get -> get.tableName(tables.chats()).key(Map.of("id", AttributeValue.fromS(chat.id()))))))
            .assertNext(response -> {
                Map<String, AttributeValue> item = response.item();
                assertThat(item).containsOnlyKeys("id", "name", "metadata", "createdAt");
                assertThat(item.get("name").s()).isEqualTo("Stored");
                assertThat(item.get("metadata").type()).isEqualTo(AttributeValue.Type.M);
                assertThat(item.get("metadata").m().get("type").s()).isEqualTo("project");
                assertThat(item.get("metadata").m().get("tags").l()).containsExactly(AttributeValue.fromS("a"));
                assertThat(Instant.parse(item.get("createdAt").s())).isEqualTo(chat.createdAt());
            })
            .verifyComplete();
    }

    @Test
    void storesParticipantsAsTheOriginalDesign() {
        Chat chat = createChat("Stored participants");
        ChatParticipant added = addParticipants(chat.id(), List.of("user-stored")).getFirst();

        StepVerifier.create(Mono.fromFuture(() -> dynamoDb.getItem(get -> get.tableName(tables.participants())
            .key(Map.of("chatId", AttributeValue.fromS(chat.id()), "participantId",
                    AttributeValue.fromS("user-stored"))))))
            .assertNext(response -> {
                assertThat(response.item()).containsOnlyKeys("chatId", "participantId", "joinedAt");
                assertThat(Instant.parse(response.item().get("joinedAt").s())).isEqualTo(added.joinedAt());
            })
            .verifyComplete();
    }

    @Test
    void returnsChatWithItsParticipants() {
        Chat chat = createChat("With participants");
        addParticipants(chat.id(), List.of("user-b", "user-a"));

        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.chat.id")
            .isEqualTo(chat.id())
            .jsonPath("$.chat.name")
            .isEqualTo("With participants")
            .jsonPath("$.chat.created_at")
            .isEqualTo(chat.createdAt().toString())
            .jsonPath("$.participants.length()")
            .isEqualTo(2)
            .jsonPath("$.participants[0].chat_id")
            .isEqualTo(chat.id())
            .jsonPath("$.participants[0].participant_id")
            .isEqualTo("user-a")
            .jsonPath("$.participants[0].joined_at")
            .value(matchesPattern(ISO_UTC))
            .jsonPath("$.participants[1].participant_id")
            .isEqualTo("user-b");
    }

    @Test
    void returnsNotFoundProblemWhenChatMissing() {
        client.get()
            .uri("/chats/chat-000000000000")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.title")
            .isEqualTo("Not Found")
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000000 not found")
            .jsonPath("$.instance")
            .isEqualTo("/chats/chat-000000000000");
    }

    @Test
    void answersNotFoundRatherThanFailingForIdsLongerThanAnyKey() {
        String huge = "x".repeat(2000);

        client.get().uri("/chats/{chat_id}", huge).exchange().expectStatus().isNotFound();
        client.delete().uri("/chats/{chat_id}", huge).exchange().expectStatus().isNotFound();
        client.get()
            .uri("/chats/participant/{participant_id}", huge)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("[]");
        Chat chat = createChat("Long participant id");
        client.delete()
            .uri("/chats/{chat_id}/participants/{participant_id}", chat.id(), huge)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Participant " + huge + " in chat " + chat.id() + " not found");
    }

    @Test
    void deletesChatAndAnswersWithMessage() {
        Chat chat = createChat("To delete");
        addParticipants(chat.id(), List.of("user-deleted-1", "user-deleted-2"));

        client.delete()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"message\":\"Chat " + chat.id() + " deleted\",\"id\":\"" + chat.id() + "\"}", true);

        client.get().uri("/chats/{chat_id}", chat.id()).exchange().expectStatus().isNotFound();
        client.get()
            .uri("/chats/participant/user-deleted-1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$[?(@.id == '" + chat.id() + "')]")
            .doesNotExist();
    }

    @Test
    void returnsNotFoundProblemWhenDeletingMissingChat() {
        client.delete()
            .uri("/chats/chat-000000000001")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000001 not found");
    }

    @Test
    void returnsEmptyListForParticipantWithoutChats() {
        client.get()
            .uri("/chats/participant/{participant_id}", "nobody-" + UUID.randomUUID())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("[]", true);
    }

    @Test
    void listsChatsOfParticipant() {
        String participant = "member-" + UUID.randomUUID();
        Chat first = createChat("First");
        Chat second = createChat("Second");
        createChat("Not a member");
        addParticipants(first.id(), List.of(participant));
        addParticipants(second.id(), List.of(participant, "someone-else"));

        client.get()
            .uri("/chats/participant/{participant_id}", participant)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.length()")
            .isEqualTo(2)
            .jsonPath("$[0].id")
            .isEqualTo(first.id())
            .jsonPath("$[0].name")
            .isEqualTo("First")
            .jsonPath("$[0].created_at")
            .isEqualTo(first.createdAt().toString())
            .jsonPath("$[1].id")
            .isEqualTo(second.id());
    }

    @Test
    void addsParticipantsAndReturnsThemWithJoinTime() {
        Chat chat = createChat("Add");

        client.post()
            .uri("/chats/{chat_id}/participants", chat.id())
            .bodyValue(Map.of("participant_ids", List.of("user-1", "user-2")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.length()")
            .isEqualTo(2)
            .jsonPath("$[0].chat_id")
            .isEqualTo(chat.id())
            .jsonPath("$[0].participant_id")
            .isEqualTo("user-1")
            .jsonPath("$[0].joined_at")
            .value(matchesPattern(ISO_UTC))
            .jsonPath("$[1].participant_id")
            .isEqualTo("user-2");
    }

    @Test
    void returnsOnlyParticipantsThatWereNotYetInChat() {
        Chat chat = createChat("Idempotent");
        addParticipants(chat.id(), List.of("user-1", "user-2"));

        List<ChatParticipant> added = addParticipants(chat.id(), List.of("user-2", "user-3", "user-1"));

        assertThat(added).extracting(ChatParticipant::participantId).containsExactly("user-3");
        assertThat(addParticipants(chat.id(), List.of("user-3"))).isEmpty();
    }

    @Test
    void countsDuplicateIdsInOneRequestOnce() {
        Chat chat = createChat("Duplicates");

        List<ChatParticipant> added = addParticipants(chat.id(), List.of("dup", "other", "dup", "dup"));

        assertThat(added).extracting(ChatParticipant::participantId).containsExactly("dup", "other");
        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectBody()
            .jsonPath("$.participants.length()")
            .isEqualTo(2);
    }

    @Test
    void addsOneHundredParticipantsInOneRequestAndListsThemPastOnePage() {
        Chat chat = createChat("Hundred");
        List<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "p-%03d".formatted(i)).toList();

        assertThat(addParticipants(chat.id(), ids)).hasSize(100);

        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.participants.length()")
            .isEqualTo(100)
            .jsonPath("$.participants[0].participant_id")
            .isEqualTo("p-000")
            .jsonPath("$.participants[99].participant_id")
            .isEqualTo("p-099");
    }

    @Test
    void returnsNotFoundProblemWhenAddingParticipantsToMissingChat() {
        client.post()
            .uri("/chats/chat-000000000002/participants")
            .bodyValue(Map.of("participant_ids", List.of("user-1")))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000002 not found");
    }

    @Test
    void removesParticipantAndAnswersWithMessage() {
        Chat chat = createChat("Remove");
        addParticipants(chat.id(), List.of("user-1", "user-2"));

        client.delete()
            .uri("/chats/{chat_id}/participants/{participant_id}", chat.id(), "user-2")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"message\":\"Participant user-2 removed from chat " + chat.id() + "\",\"id\":\"" + chat.id()
                    + "\"}", true);

        client.get()
            .uri("/chats/{chat_id}", chat.id())
            .exchange()
            .expectBody()
            .jsonPath("$.participants.length()")
            .isEqualTo(1)
            .jsonPath("$.participants[0].participant_id")
            .isEqualTo("user-1");
    }

    @Test
    void returnsNotFoundProblemWhenRemovingParticipantNotInChat() {
        Chat chat = createChat("Remove missing");

        client.delete()
            .uri("/chats/{chat_id}/participants/{participant_id}", chat.id(), "ghost")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Participant ghost in chat " + chat.id() + " not found");
    }

    @Test
    void returnsNotFoundProblemWhenRemovingParticipantFromMissingChat() {
        client.delete()
            .uri("/chats/chat-000000000003/participants/user-1")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000003 not found");
    }

    @Test
    void rejectsBodyThatIsNotJsonWithBadRequestProblem() {
        client.post()
            .uri("/chats")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(400);
    }

    @Test
    void rejectsWrongContentTypeWithUnsupportedMediaTypeProblem() {
        client.post()
            .uri("/chats")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=x")
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

}
