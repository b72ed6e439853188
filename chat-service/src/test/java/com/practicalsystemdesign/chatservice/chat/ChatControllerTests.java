package com.practicalsystemdesign.chatservice.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.AddParticipantsRequest;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatCreate;
import com.practicalsystemdesign.common.model.ChatParticipant;
import com.practicalsystemdesign.common.model.ChatWithParticipants;
import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.web.ResourceNotFoundException;
import com.practicalsystemdesign.common.web.WebConventionsAutoConfiguration;

import static com.practicalsystemdesign.common.testing.Problems.expectProblem;
import static com.practicalsystemdesign.common.testing.Problems.expectValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The chats API of docs/api.md as the HTTP layer answers it: status codes, JSON shapes
 * and every problem+json, with {@link ChatService} replaced by a double whose answers
 * each test states. The double has no answer for a request that must be refused before it
 * reaches the service. No DynamoDB is started; the *IT classes cover the same contract on
 * DynamoDB Local.
 */
@WebFluxTest(ChatController.class)
@ImportAutoConfiguration({ WebConventionsAutoConfiguration.class, ReactorAutoConfiguration.class })
class ChatControllerTests {

    private static final String CHAT_ID = "chat-3f9a0c1b2d4e";

    private static final Instant CREATED_AT = Instant.parse("2026-11-25T06:17:01.123Z");

    private static final Chat ALPHA = new Chat(CHAT_ID, "Project Alpha", Map.of("type", "project"), CREATED_AT);

    private static final ChatParticipant ALICE = new ChatParticipant(CHAT_ID, "user-1",
            Instant.parse("2026-11-25T06:18:00Z"));

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private ChatService chats;

    @Test
    void createAnswersTheNewChatAs201InSnakeCase() {
        given(chats.create(new ChatCreate("Project Alpha", Map.of("type", "project")))).willReturn(Mono.just(ALPHA));

        client.post()
            .uri("/chats")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\" Project Alpha \",\"metadata\":{\"type\":\"project\"},\"unknown\":1}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("""
                    {"id":"chat-3f9a0c1b2d4e","name":"Project Alpha","metadata":{"type":"project"},
                     "created_at":"2026-11-25T06:17:01.123Z"}
                    """, true);
    }

    @Test
    void absentMetadataReachesTheServiceAsAnEmptyObject() {
        Chat plain = new Chat(CHAT_ID, "Plain", Map.of(), CREATED_AT);
        given(chats.create(new ChatCreate("Plain", Map.of()))).willReturn(Mono.just(plain));

        client.post()
            .uri("/chats")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Plain\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.metadata")
            .isMap()
            .jsonPath("$.metadata.length()")
            .isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":\"\"}", "{\"name\":\"   \"}", "{}", "{\"name\":null}",
            "{\"metadata\":{\"type\":\"project\"}}" })
    void aMissingOrBlankNameIsAValidationProblem(String body) {
        expectValidationProblem(postChat(body), "/chats", "name");
    }

    @Test
    void aNameOverOneHundredCharactersIsAValidationProblemAndOneHundredIsFine() {
        String name = "n".repeat(100);
        given(chats.create(new ChatCreate(name, Map.of())))
            .willReturn(Mono.just(new Chat(CHAT_ID, name, Map.of(), CREATED_AT)));

        expectValidationProblem(postChat("{\"name\":\"" + name + "n\"}"), "/chats", "name");
        postChat("{\"name\":\"" + name + "\"}").expectStatus().isCreated();
    }

    @Test
    void metadataOverEightKibibytesIsAValidationProblem() {
        String blob = "x".repeat(ChatCreate.METADATA_MAX_BYTES);

        expectValidationProblem(postChat("{\"name\":\"Big\",\"metadata\":{\"blob\":\"" + blob + "\"}}"), "/chats",
                "metadata");
    }

    @Test
    void metadataThatDynamoDbCannotStoreIsTheSameValidationProblem() {
        given(chats.create(new ChatCreate("Empty key", Map.of("", 1))))
            .willReturn(Mono.error(new InvalidMetadataException("keys must not be empty")));

        expectValidationProblem(postChat("{\"name\":\"Empty key\",\"metadata\":{\"\":1}}"), "/chats", "metadata")
            .jsonPath("$.errors[0].message")
            .isEqualTo("keys must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"project\"", "[\"project\"]", "42", "true" })
    void metadataThatIsNotAnObjectIsABadRequestProblemNamingIt(String metadata) {
        expectProblem(postChat("{\"name\":\"Typed\",\"metadata\":" + metadata + "}"), 400, "Bad Request", "/chats")
            .jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'metadata'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":42}", "{\"name\":\"Alpha\",", "not json", "" })
    void aBodyThatIsNotAChatIsABadRequestProblem(String body) {
        expectProblem(postChat(body), 400, "Bad Request", "/chats").jsonPath("$.detail")
            .value(String.class,
                    detail -> assertThat(detail).startsWith("Request body ")
                        .doesNotContain("tools.jackson")
                        .doesNotContain("ChatCreate"));
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsUnsupportedMediaType() {
        expectProblem(client.post().uri("/chats").contentType(MediaType.TEXT_PLAIN).bodyValue("name=Alpha").exchange(),
                415, "Unsupported Media Type", "/chats");
        expectProblem(client.post()
            .uri("/chats/{id}/participants", CHAT_ID)
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("user-1")
            .exchange(), 415, "Unsupported Media Type", "/chats/" + CHAT_ID + "/participants");
    }

    @Test
    void getAnswersTheChatWithItsParticipants() {
        given(chats.get(CHAT_ID)).willReturn(Mono.just(new ChatWithParticipants(ALPHA, List.of(ALICE))));

        client.get().uri("/chats/{id}", CHAT_ID).exchange().expectStatus().isOk().expectBody().json("""
                {"chat":{"id":"chat-3f9a0c1b2d4e","name":"Project Alpha","metadata":{"type":"project"},
                         "created_at":"2026-11-25T06:17:01.123Z"},
                 "participants":[{"chat_id":"chat-3f9a0c1b2d4e","participant_id":"user-1",
                                  "joined_at":"2026-11-25T06:18:00Z"}]}
                """, true);
    }

    /**
     * docs/api.md: chats carry no ETag and chat-service evaluates no precondition, so a
     * conditional GET is answered as a plain one, never with an empty 304 or 412.
     */
    @ParameterizedTest
    @ValueSource(strings = { HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MATCH })
    void aChatHasNoETagAndAConditionalGetAnswersTheChat(String condition) {
        given(chats.get(CHAT_ID)).willReturn(Mono.just(new ChatWithParticipants(ALPHA, List.of(ALICE))));

        client.get()
            .uri("/chats/{id}", CHAT_ID)
            .header(condition, "\"1\"")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .doesNotExist(HttpHeaders.ETAG)
            .expectBody()
            .jsonPath("$.chat.id")
            .isEqualTo(CHAT_ID);
    }

    @Test
    void anAbsentChatIsANotFoundProblem() {
        given(chats.get("chat-000000000000"))
            .willReturn(Mono.error(new ResourceNotFoundException("Chat", "chat-000000000000")));

        expectProblem(client.get().uri("/chats/chat-000000000000").exchange(), 404, "Not Found",
                "/chats/chat-000000000000")
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000000 not found");
    }

    @Test
    void aChatIdWithPathParametersIsABadRequestProblemNotAnotherChat() {
        expectProblem(client.delete().uri("/chats/" + CHAT_ID + ";x").exchange(), 400, "Bad Request",
                "/chats/" + CHAT_ID + ";x")
            .jsonPath("$.detail")
            .isEqualTo("Path parameters (;) are not supported");
    }

    @Test
    void deleteAnswersItsConfirmationAndAnAbsentChatIsNotFound() {
        given(chats.delete(CHAT_ID))
            .willReturn(Mono.just(new MessageResponse("Chat " + CHAT_ID + " deleted", CHAT_ID)));
        given(chats.delete("chat-000000000000"))
            .willReturn(Mono.error(new ResourceNotFoundException("Chat", "chat-000000000000")));

        client.delete()
            .uri("/chats/{id}", CHAT_ID)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"message\":\"Chat chat-3f9a0c1b2d4e deleted\",\"id\":\"chat-3f9a0c1b2d4e\"}", true);
        expectProblem(client.delete().uri("/chats/chat-000000000000").exchange(), 404, "Not Found",
                "/chats/chat-000000000000")
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000000 not found");
    }

    @Test
    void chatsOfAParticipantAreAListThatMayBeEmpty() {
        given(chats.chatsOf("user-1")).willReturn(Mono.just(List.of(ALPHA)));
        given(chats.chatsOf("nobody")).willReturn(Mono.just(List.of()));

        client.get()
            .uri("/chats/participant/user-1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.length()")
            .isEqualTo(1)
            .jsonPath("$[0].id")
            .isEqualTo(CHAT_ID)
            .jsonPath("$[0].created_at")
            .isEqualTo("2026-11-25T06:17:01.123Z");
        client.get().uri("/chats/participant/nobody").exchange().expectStatus().isOk().expectBody().json("[]", true);
    }

    @Test
    void addingParticipantsAnswersThoseNewlyAddedAs201() {
        given(chats.addParticipants(CHAT_ID, new AddParticipantsRequest(List.of("user-1", "user-2", "user-1"))))
            .willReturn(Mono.just(List.of(ALICE)));

        client.post()
            .uri("/chats/{id}/participants", CHAT_ID)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"participant_ids\":[\"user-1\",\"user-2\",\"user-1\"]}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .json("""
                    [{"chat_id":"chat-3f9a0c1b2d4e","participant_id":"user-1","joined_at":"2026-11-25T06:18:00Z"}]
                    """, true);
    }

    @Test
    void addingParticipantsToAnAbsentChatIsANotFoundProblem() {
        given(chats.addParticipants("chat-000000000000", new AddParticipantsRequest(List.of("user-1"))))
            .willReturn(Mono.error(new ResourceNotFoundException("Chat", "chat-000000000000")));

        expectProblem(client.post()
            .uri("/chats/chat-000000000000/participants")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"participant_ids\":[\"user-1\"]}")
            .exchange(), 404, "Not Found", "/chats/chat-000000000000/participants").jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000000 not found");
    }

    static Stream<String> invalidParticipantLists() {
        String hundredAndOne = IntStream.range(0, 101)
            .mapToObj(i -> "\"user-" + i + "\"")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
        return Stream.of("{\"participant_ids\":[]}", "{}", "{\"participant_ids\":null}",
                "{\"participant_ids\":[\"" + "p".repeat(129) + "\"]}", "{\"participant_ids\":[\"  \"]}",
                "{\"participant_ids\":[\"\"]}", "{\"participant_ids\":[" + hundredAndOne + "]}");
    }

    @ParameterizedTest
    @MethodSource("invalidParticipantLists")
    void anInvalidParticipantListIsAValidationProblem(String body) {
        expectProblem(client.post()
            .uri("/chats/{id}/participants", CHAT_ID)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange(), 422, "Unprocessable Content", "/chats/" + CHAT_ID + "/participants").jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail).startsWith("Validation failed for "))
            .jsonPath("$.errors[*].field")
            .value(List.class,
                    fields -> assertThat(fields).isNotEmpty()
                        .allSatisfy(field -> assertThat((String) field).startsWith("participant_ids")))
            .jsonPath("$.errors[0].message")
            .isNotEmpty();
    }

    @Test
    void aParticipantIdOfOneHundredTwentyEightCharactersIsFine() {
        String id = "p".repeat(128);
        given(chats.addParticipants(CHAT_ID, new AddParticipantsRequest(List.of(id))))
            .willReturn(Mono.just(List.of(new ChatParticipant(CHAT_ID, id, CREATED_AT))));

        client.post()
            .uri("/chats/{id}/participants", CHAT_ID)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"participant_ids\":[\"" + id + "\"]}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$[0].participant_id")
            .isEqualTo(id);
    }

    @Test
    void participantIdsThatAreNotStringsAreABadRequestProblem() {
        expectProblem(client.post()
            .uri("/chats/{id}/participants", CHAT_ID)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"participant_ids\":\"user-1\"}")
            .exchange(), 400, "Bad Request", "/chats/" + CHAT_ID + "/participants").jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'participant_ids'");
    }

    @Test
    void removingAParticipantAnswersItsConfirmationOrWhichOneIsMissing() {
        given(chats.removeParticipant(CHAT_ID, "user-1"))
            .willReturn(Mono.just(new MessageResponse("Participant user-1 removed from chat " + CHAT_ID, CHAT_ID)));
        given(chats.removeParticipant(CHAT_ID, "user-9"))
            .willReturn(Mono.error(new ResourceNotFoundException("Participant", "user-9 in chat " + CHAT_ID)));
        given(chats.removeParticipant("chat-000000000000", "user-1"))
            .willReturn(Mono.error(new ResourceNotFoundException("Chat", "chat-000000000000")));

        client.delete()
            .uri("/chats/{id}/participants/user-1", CHAT_ID)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("""
                    {"message":"Participant user-1 removed from chat chat-3f9a0c1b2d4e","id":"chat-3f9a0c1b2d4e"}
                    """, true);
        expectProblem(client.delete().uri("/chats/{id}/participants/user-9", CHAT_ID).exchange(), 404, "Not Found",
                "/chats/" + CHAT_ID + "/participants/user-9")
            .jsonPath("$.detail")
            .isEqualTo("Participant user-9 in chat " + CHAT_ID + " not found");
        expectProblem(client.delete().uri("/chats/chat-000000000000/participants/user-1").exchange(), 404, "Not Found",
                "/chats/chat-000000000000/participants/user-1")
            .jsonPath("$.detail")
            .isEqualTo("Chat chat-000000000000 not found");
    }

    static Stream<Arguments> everyEndpoint() {
        String chat = "/chats/" + CHAT_ID;
        Function<WebTestClient, WebTestClient.ResponseSpec> create = client -> client.post()
            .uri("/chats")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Project Alpha\",\"metadata\":{\"type\":\"project\"}}")
            .exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> get = client -> client.get().uri(chat).exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> delete = client -> client.delete().uri(chat).exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> chatsOf = client -> client.get()
            .uri("/chats/participant/user-1")
            .exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> add = client -> client.post()
            .uri(chat + "/participants")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"participant_ids\":[\"user-1\"]}")
            .exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> remove = client -> client.delete()
            .uri(chat + "/participants/user-1")
            .exchange();
        return Stream.of(Arguments.of("POST /chats", "/chats", create), Arguments.of("GET chat", chat, get),
                Arguments.of("DELETE chat", chat, delete),
                Arguments.of("GET chats of participant", "/chats/participant/user-1", chatsOf),
                Arguments.of("POST participants", chat + "/participants", add),
                Arguments.of("DELETE participant", chat + "/participants/user-1", remove));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEndpoint")
    void aDynamoDbOutageIsAServiceUnavailableProblemThatNamesOnlyTheStore(String endpoint, String path,
            Function<WebTestClient, WebTestClient.ResponseSpec> request) {
        given(chats.create(new ChatCreate("Project Alpha", Map.of("type", "project")))).willReturn(dynamoDbDown());
        given(chats.get(CHAT_ID)).willReturn(dynamoDbDown());
        given(chats.delete(CHAT_ID)).willReturn(dynamoDbDown());
        given(chats.chatsOf("user-1")).willReturn(dynamoDbDown());
        given(chats.addParticipants(CHAT_ID, new AddParticipantsRequest(List.of("user-1")))).willReturn(dynamoDbDown());
        given(chats.removeParticipant(CHAT_ID, "user-1")).willReturn(dynamoDbDown());

        expectProblem(request.apply(client), 503, "Service Unavailable", path).jsonPath("$.detail")
            .isEqualTo("DynamoDB is temporarily unavailable; retry shortly");
    }

    @Test
    void anOutageLeaksNothingOfItsCause() {
        given(chats.get(CHAT_ID)).willReturn(dynamoDbDown());

        String body = client.get()
            .uri("/chats/{id}", CHAT_ID)
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).doesNotContain("secret-dynamodb-host").doesNotContain("IllegalStateException");
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsAMethodNotAllowedProblem() {
        expectProblem(client.put()
            .uri("/chats/{id}", CHAT_ID)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Renamed\"}")
            .exchange(), 405, "Method Not Allowed", "/chats/" + CHAT_ID);
        expectProblem(client.get().uri("/chats").exchange(), 405, "Method Not Allowed", "/chats");
    }

    /**
     * What ChatRepository answers when DynamoDB does not: the cause names an internal
     * host.
     */
    private static <T> Mono<T> dynamoDbDown() {
        return Mono.error(DynamoDbErrors
            .unavailable(new IllegalStateException("Unable to execute HTTP request: secret-dynamodb-host:8000")));
    }

    private WebTestClient.ResponseSpec postChat(String body) {
        return client.post().uri("/chats").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

}
