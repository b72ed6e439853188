package com.practicalsystemdesign.chatservice.chat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.common.model.ChatCreate;

/**
 * docs/api.md's validation rules: a field that breaks one is a 422 naming the field; a
 * body with the wrong JSON types is a 400. Both are problem+json.
 */
class ChatValidationIT extends DynamoDbLocalTest {

    /** One character outside the Basic Multilingual Plane: two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    private String chatId;

    @BeforeEach
    void chat() {
        chatId = createChat("Validation").id();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":\"\"}", "{\"name\":\"   \"}", "{}", "{\"name\":null}",
            "{\"metadata\":{\"type\":\"project\"}}" })
    void rejectsMissingOrBlankNameWithFieldProblem(String body) {
        expectFieldProblem(postChat(body), "name");
    }

    @Test
    void rejectsNameLongerThanOneHundredCharacters() {
        expectFieldProblem(postChat(Map.of("name", "n".repeat(101))), "name");
    }

    @Test
    void acceptsNameOfOneHundredCharacters() {
        postChat(Map.of("name", "n".repeat(100))).expectStatus().isCreated();
    }

    @Test
    void countsNameLengthInCharactersSoOneHundredEmojiFit() {
        postChat(Map.of("name", EMOJI.repeat(100))).expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(EMOJI.repeat(100));
        expectFieldProblem(postChat(Map.of("name", EMOJI.repeat(101))), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"project\"", "[\"project\"]", "42", "true" })
    void rejectsMetadataThatIsNotAnObjectAsBadRequest(String metadata) {
        postChat("{\"name\":\"Typed\",\"metadata\":" + metadata + "}").expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'metadata'");
    }

    @Test
    void rejectsNameThatIsNotAStringAsBadRequest() {
        postChat("{\"name\":42}").expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void rejectsMetadataLargerThanEightKibibytes() {
        expectFieldProblem(postChat(Map.of("name", "Big", "metadata", Map.of("blob", "x".repeat(8 * 1024)))),
                "metadata");
    }

    @Test
    void acceptsMetadataOfExactlyEightKibibytes() {
        // {"blob":"..."} is 11 bytes around the value.
        String blob = "x".repeat(ChatCreate.METADATA_MAX_BYTES - 11);

        postChat(Map.of("name", "Limit", "metadata", Map.of("blob", blob))).expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.metadata.blob")
            .isEqualTo(blob);
    }

    @Test
    void rejectsMetadataThatDynamoDbCannotStoreAsFieldProblems() {
        expectFieldProblem(postChat("{\"name\":\"Empty key\",\"metadata\":{\"\":1}}"), "metadata");
        expectFieldProblem(postChat("{\"name\":\"Huge number\",\"metadata\":{\"n\":1e200}}"), "metadata");
        expectFieldProblem(
                postChat("{\"name\":\"Too precise\",\"metadata\":{\"n\":1234567890123456789012345678901234567891}}"),
                "metadata");
        expectFieldProblem(
                postChat("{\"name\":\"Too deep\",\"metadata\":" + nested(MetadataAttributes.MAX_DEPTH + 1) + "}"),
                "metadata");
    }

    @Test
    void acceptsMetadataNestedAsDeepAsDynamoDbAllows() {
        postChat("{\"name\":\"Deep\",\"metadata\":" + nested(MetadataAttributes.MAX_DEPTH) + "}").expectStatus()
            .isCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"participant_ids\":[]}", "{}", "{\"participant_ids\":null}" })
    void rejectsMissingOrEmptyParticipantIds(String body) {
        expectFieldProblem(postParticipants(body), "participant_ids");
    }

    @Test
    void rejectsMoreThanOneHundredParticipantIds() {
        expectFieldProblem(postParticipants(Map.of("participant_ids", ids(101))), "participant_ids");
    }

    @Test
    void acceptsOneHundredParticipantIds() {
        postParticipants(Map.of("participant_ids", ids(100))).expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.length()")
            .isEqualTo(100);
    }

    @Test
    void rejectsParticipantIdLongerThan128Characters() {
        expectFieldProblem(postParticipants(Map.of("participant_ids", List.of("ok", "p".repeat(129)))),
                "participant_ids[1]");
    }

    @Test
    void acceptsParticipantIdOf128Characters() {
        postParticipants(Map.of("participant_ids", List.of("p".repeat(128)))).expectStatus().isCreated();
    }

    @Test
    void countsParticipantIdLengthInCharactersSoEmojiCountOnce() {
        String fits = "p".repeat(120) + EMOJI.repeat(8);
        postParticipants(Map.of("participant_ids", List.of(fits))).expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$[0].participant_id")
            .isEqualTo(fits);
        expectFieldProblem(postParticipants(Map.of("participant_ids", List.of(fits + EMOJI))), "participant_ids[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"participant_ids\":[\"\"]}", "{\"participant_ids\":[\"  \"]}",
            "{\"participant_ids\":[null]}" })
    void rejectsBlankParticipantId(String body) {
        expectFieldProblem(postParticipants(body), "participant_ids[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"participant_ids\":\"user-1\"}", "{\"participant_ids\":{\"id\":\"user-1\"}}",
            "{\"participant_ids\":[1,2]}" })
    void rejectsParticipantIdsThatAreNotAListOfStringsAsBadRequest(String body) {
        postParticipants(body).expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(400);
    }

    @Test
    void validatesBodyBeforeLookingForChat() {
        client.post()
            .uri("/chats/chat-000000000000/participants")
            .bodyValue(Map.of("participant_ids", List.of()))
            .exchange()
            .expectStatus()
            .isEqualTo(422);
    }

    private WebTestClient.ResponseSpec postChat(Object body) {
        return client.post().uri("/chats").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec postParticipants(Object body) {
        return client.post()
            .uri("/chats/{chat_id}/participants", chatId)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange();
    }

    private static void expectFieldProblem(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(422)
            .jsonPath("$.detail")
            .isEqualTo("Validation failed for 1 field")
            .jsonPath("$.errors.length()")
            .isEqualTo(1)
            .jsonPath("$.errors[0].field")
            .isEqualTo(field)
            .jsonPath("$.errors[0].message")
            .isNotEmpty();
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "id-" + i).toList();
    }

    /**
     * An object holding {@code depth} containers in all, itself included:
     * {"k":[{"k":...}]}.
     */
    private static String nested(int depth) {
        StringBuilder json = new StringBuilder();
        for (int level = 1; level <= depth; level++) {
            json.append(level % 2 == 1 ? "{\"k\":" : "[");
        }
        json.append("1");
        for (int level = depth; level >= 1; level--) {
            json.append(level % 2 == 1 ? "}" : "]");
        }
        return json.toString();
    }

}
