package com.practicalsystemdesign.common.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ModelValidationTests {

    private static ValidatorFactory factory;

    private static Validator validator;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void userCreateTrimsNameAndEmailBeforeValidation() {
        UserCreate user = json.readValue("{\"name\":\"  Alice Smith \",\"email\":\" alice@example.com \"}",
                UserCreate.class);

        assertThat(user.name()).isEqualTo("Alice Smith");
        assertThat(user.email()).isEqualTo("alice@example.com");
        assertThat(violatedFields(user)).isEmpty();
    }

    @Test
    void userCreateRejectsBlankAndOverlongNames() {
        assertThat(violatedFields(new UserCreate("   ", "a@example.com"))).containsExactly("name");
        assertThat(violatedFields(new UserCreate("x".repeat(101), "a@example.com"))).containsExactly("name");
        assertThat(violatedFields(new UserCreate(" " + "x".repeat(100) + " ", "a@example.com"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-an-email", "alice@", "@example.com", "alice@localhost", "a b@example.com",
            "alice@@example.com" })
    void userCreateRejectsInvalidEmails(String email) {
        assertThat(violatedFields(new UserCreate("Alice", email))).containsExactly("email");
    }

    @Test
    void userCreateRejectsMissingAndOverlongEmail() {
        assertThat(violatedFields(new UserCreate("Alice", null))).containsExactly("email");
        String longEmail = "a".repeat(250) + "@example.com";
        assertThat(violatedFields(new UserCreate("Alice", longEmail))).containsExactly("email");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "a\ud800b", "\udc00", "a\ud83d" })
    void userFieldsRejectTextPostgresCannotStoreAsSent(String text) {
        assertThat(violatedFields(new UserCreate(text, "alice@example.com"))).containsExactly("name");
        assertThat(violatedFields(new UserCreate("Alice", "al" + text + "@example.com"))).containsExactly("email");
        assertThat(violatedFields(new UserUpdate(text, null))).containsExactly("name");
        assertThat(violatedFields(new UserUpdate(null, "al" + text + "@example.com"))).containsExactly("email");
    }

    @Test
    void userFieldsKeepEmojiQuotesAndMarkup() {
        assertThat(violatedFields(
                new UserCreate("O'Brien \"😀\" <script>alert(1)</script> 👩‍👩‍👧", "o'brien+tag@example.com")))
            .isEmpty();
    }

    @Test
    void userUpdateTreatsAbsentFieldsAsUnchangedButRejectsBlankOnes() {
        UserUpdate empty = json.readValue("{}", UserUpdate.class);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(violatedFields(empty)).isEmpty();
        assertThat(violatedFields(new UserUpdate("  ", null))).containsExactly("name");
        assertThat(violatedFields(new UserUpdate(null, "nope"))).containsExactly("email");
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        UserCreate user = json.readValue("{\"name\":\"Bob\",\"email\":\"bob@example.com\",\"role\":\"admin\"}",
                UserCreate.class);

        assertThat(user).isEqualTo(new UserCreate("Bob", "bob@example.com"));
    }

    @Test
    void usersAreWrittenAsSnakeCaseWithUtcTimestamps() {
        User user = new User(1, "Alice Smith", "alice@example.com", Instant.parse("2026-11-25T06:17:01.123Z"));

        assertThat(json.writeValueAsString(user)).isEqualTo(
                "{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\",\"created_at\":\"2026-11-25T06:17:01.123Z\"}");
    }

    @Test
    void chatShapesMatchTheContract() {
        Chat chat = new Chat("chat-3f9a0c1b2d4e", "Project Alpha", Map.of("type", "project"),
                Instant.parse("2026-11-25T06:17:01.123Z"));
        ChatParticipant participant = new ChatParticipant(chat.id(), "user-1", Instant.parse("2026-11-25T06:17:02Z"));

        String body = json.writeValueAsString(new ChatWithParticipants(chat, List.of(participant)));

        assertThat(body).isEqualTo("{\"chat\":{\"id\":\"chat-3f9a0c1b2d4e\",\"name\":\"Project Alpha\","
                + "\"metadata\":{\"type\":\"project\"},\"created_at\":\"2026-11-25T06:17:01.123Z\"},"
                + "\"participants\":[{\"chat_id\":\"chat-3f9a0c1b2d4e\",\"participant_id\":\"user-1\","
                + "\"joined_at\":\"2026-11-25T06:17:02Z\"}]}");
    }

    @Test
    void chatCreateDefaultsMetadataToAnEmptyObject() {
        ChatCreate chat = json.readValue("{\"name\":\"General\"}", ChatCreate.class);

        assertThat(chat.metadata()).isEmpty();
        assertThat(violatedFields(chat)).isEmpty();
    }

    @Test
    void chatCreateRejectsMetadataOverEightKibibytes() {
        Map<String, Object> fits = Map.of("k", "x".repeat(ChatCreate.METADATA_MAX_BYTES - 8));
        Map<String, Object> tooBig = Map.of("k", "x".repeat(ChatCreate.METADATA_MAX_BYTES));

        assertThat(violatedFields(new ChatCreate("General", fits))).isEmpty();
        assertThat(violatedFields(new ChatCreate("General", tooBig))).containsExactly("metadata");
    }

    @Test
    void chatCreateRejectsBlankAndOverlongNames() {
        assertThat(violatedFields(new ChatCreate(" ", null))).containsExactly("name");
        assertThat(violatedFields(new ChatCreate("x".repeat(101), null))).containsExactly("name");
    }

    @Test
    void addParticipantsRequiresOneToOneHundredNonBlankIds() {
        assertThat(violatedFields(new AddParticipantsRequest(null))).containsExactly("participantIds");
        assertThat(violatedFields(new AddParticipantsRequest(List.of()))).containsExactly("participantIds");
        assertThat(violatedFields(new AddParticipantsRequest(Collections.nCopies(101, "user-1"))))
            .containsExactly("participantIds");
        assertThat(violatedFields(new AddParticipantsRequest(List.of("user-1", " "))))
            .containsExactly("participantIds[1].<list element>");
        assertThat(violatedFields(new AddParticipantsRequest(List.of("u".repeat(129)))))
            .containsExactly("participantIds[0].<list element>");
    }

    /** An emoji outside the Basic Multilingual Plane: one character, two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void lengthsAreCountedInCharactersNotUtf16Units() {
        assertThat(EMOJI.length()).isEqualTo(2);
        assertThat(violatedFields(new UserCreate(EMOJI.repeat(100), "a@example.com"))).isEmpty();
        assertThat(violatedFields(new UserCreate(EMOJI.repeat(101), "a@example.com"))).containsExactly("name");
        assertThat(violatedFields(new UserCreate("x".repeat(99) + EMOJI, "a@example.com"))).isEmpty();
        assertThat(violatedFields(new UserUpdate(EMOJI.repeat(100), null))).isEmpty();
        assertThat(violatedFields(new UserUpdate(EMOJI.repeat(101), null))).containsExactly("name");
        assertThat(violatedFields(new ChatCreate(EMOJI.repeat(100), null))).isEmpty();
        assertThat(violatedFields(new ChatCreate(EMOJI.repeat(101), null))).containsExactly("name");
        assertThat(violatedFields(new AddParticipantsRequest(List.of("p".repeat(124) + EMOJI.repeat(4))))).isEmpty();
        assertThat(violatedFields(new AddParticipantsRequest(List.of(EMOJI.repeat(128))))).isEmpty();
        assertThat(violatedFields(new AddParticipantsRequest(List.of(EMOJI.repeat(129)))))
            .containsExactly("participantIds[0].<list element>");
    }

    @Test
    void emailsOfExactlyTwoHundredFiftyFiveCharactersAreAccepted() {
        // (@Email admits no character outside the BMP, so here characters and UTF-16
        // units agree.)
        String fits = "a".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(62);
        assertThat(fits).hasSize(255);
        assertThat(violatedFields(new UserCreate("Alice", fits))).isEmpty();
        assertThat(violatedFields(new UserUpdate(null, fits))).isEmpty();
        assertThat(violatedFields(new UserCreate("Alice", fits + "d"))).containsExactly("email");
        assertThat(violatedFields(new UserUpdate(null, fits + "d"))).containsExactly("email");
    }

    @Test
    void codePointLengthCountsEveryCodePointOnceAndAcceptsNull() {
        record Sample(@CodePointLength(min = 1, max = 3) String value) {
        }
        assertThat(violatedFields(new Sample(null))).isEmpty();
        assertThat(violatedFields(new Sample(""))).containsExactly("value");
        assertThat(violatedFields(new Sample("abc"))).isEmpty();
        assertThat(violatedFields(new Sample(EMOJI.repeat(3)))).isEmpty();
        assertThat(violatedFields(new Sample("ab" + EMOJI))).isEmpty();
        assertThat(violatedFields(new Sample(EMOJI.repeat(4)))).containsExactly("value");
        assertThat(violatedFields(new Sample("abcd"))).containsExactly("value");
        assertThat(validator.validate(new Sample("abcd")).iterator().next().getMessage())
            .isEqualTo("size must be between 1 and 3 characters");
    }

    @Test
    void participantIdsMayHoldAnyCharacterButNoDotSegmentOrControlCharacter() {
        assertThat(violatedFields(new AddParticipantsRequest(List.of("user/alpha", "a;b", "q?x#y", "%2F", "...", ".a",
                "a./b", "a/..b", "%2e%2e/x", "/", "a//b", "\u00e9", "back\\slash"))))
            .isEmpty();
        List<String> refused = List.of(".", "..", "../../users/x", "a/../../../b", "./a", "a/.", "a/./b", "a/..",
                "nul\u0000", "a\nb", "tab\t", "del\u007f", "c1\u0085");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < refused.size(); i++) {
            fields.add("participantIds[" + (i + 1) + "].<list element>");
        }
        List<String> ids = new ArrayList<>(List.of("ok"));
        ids.addAll(refused);
        assertThat(violatedFields(new AddParticipantsRequest(ids))).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void addParticipantsCountsDuplicatesOnce() {
        AddParticipantsRequest request = new AddParticipantsRequest(List.of("user-2", "user-1", "user-2"));

        assertThat(request.distinctParticipantIds()).containsExactly("user-2", "user-1");
    }

    @Test
    void addParticipantsReadsSnakeCase() {
        AddParticipantsRequest request = json.readValue("{\"participant_ids\":[\"user-1\"]}",
                AddParticipantsRequest.class);

        assertThat(request.participantIds()).containsExactly("user-1");
    }

    private static Set<String> violatedFields(Object bean) {
        return validator.validate(bean)
            .stream()
            .map(ConstraintViolation::getPropertyPath)
            .map(Object::toString)
            .collect(Collectors.toSet());
    }

}
