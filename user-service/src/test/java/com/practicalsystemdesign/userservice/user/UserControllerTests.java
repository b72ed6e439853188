package com.practicalsystemdesign.userservice.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.model.UserCreate;
import com.practicalsystemdesign.common.model.UserUpdate;
import com.practicalsystemdesign.common.store.StoreUnavailableException;
import com.practicalsystemdesign.common.web.ConflictException;
import com.practicalsystemdesign.common.web.ResourceNotFoundException;
import com.practicalsystemdesign.common.web.WebConventionsAutoConfiguration;

import static com.practicalsystemdesign.common.testing.Problems.expectProblem;
import static com.practicalsystemdesign.common.testing.Problems.expectValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The users API of docs/api.md as the HTTP layer answers it: status codes, JSON shapes
 * and every problem+json, with {@link UserService} replaced by a double whose answers
 * each test states. The double has no answer for a request that must be refused before it
 * reaches the service. No store is started; UserApiIT covers the same contract on the
 * real ones.
 */
@WebFluxTest(UserController.class)
@ImportAutoConfiguration({ WebConventionsAutoConfiguration.class, ReactorAutoConfiguration.class })
class UserControllerTests {

    private static final Instant CREATED_AT = Instant.parse("2026-11-25T06:17:01.123Z");

    private static final User ALICE = new User(1, "Alice Smith", "alice@example.com", CREATED_AT);

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private UserService users;

    @Test
    void createAnswersTheNewUserAs201InSnakeCaseWithTheFieldsTrimmed() {
        given(users.create(new UserCreate("Alice Smith", "alice@example.com")))
            .willReturn(Mono.just(new Versioned<>(ALICE, 1)));

        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"  Alice Smith \",\"email\":\" alice@example.com\",\"role\":\"admin\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("""
                    {"id":1,"name":"Alice Smith","email":"alice@example.com","created_at":"2026-11-25T06:17:01.123Z"}
                    """, true);
    }

    @Test
    void aTakenEmailIsAConflictProblem() {
        given(users.create(new UserCreate("Alice", "alice@example.com")))
            .willReturn(Mono.error(new ConflictException("A user with email alice@example.com already exists", null)));

        expectProblem(client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Alice", "email", "alice@example.com"))
            .exchange(), 409, "Conflict", "/users").jsonPath("$.detail")
            .isEqualTo("A user with email alice@example.com already exists");
    }

    static Stream<Arguments> invalidCreates() {
        return Stream.of(Arguments.of("{\"name\":\"   \",\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":\"\",\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":null,\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":\"Alice\",\"email\":\"not-an-email\"}", "email"),
                Arguments.of("{\"name\":\"Alice\",\"email\":\"alice@localhost\"}", "email"),
                Arguments.of("{\"name\":\"Alice\",\"email\":\"" + "a".repeat(250) + "@example.com\"}", "email"),
                Arguments.of("{\"name\":\"Alice\"}", "email"));
    }

    @ParameterizedTest
    @MethodSource("invalidCreates")
    void anInvalidCreateIsAValidationProblemNamingTheField(String body, String field) {
        expectValidationProblem(
                client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                "/users", field);
    }

    @Test
    void aCreateWithSeveralInvalidFieldsListsEachOfThem() {
        expectProblem(client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\" \",\"email\":\"nope\"}")
            .exchange(), 422, "Unprocessable Content", "/users").jsonPath("$.detail")
            .isEqualTo("Validation failed for 2 fields")
            .jsonPath("$.errors[*].field")
            .value(List.class, fields -> assertThat(fields).containsExactlyInAnyOrder("name", "email"))
            .jsonPath("$.errors[?(@.field == 'name')].message")
            .isEqualTo("must not be blank");
    }

    @Test
    void aNameOfOneHundredCharactersIsAccepted() {
        String name = "x".repeat(100);
        given(users.create(new UserCreate(name, "long@example.com")))
            .willReturn(Mono.just(new Versioned<>(new User(2, name, "long@example.com", CREATED_AT), 1)));

        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "email", "long@example.com"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":42,\"email\":\"a@example.com\"}",
            "{\"name\":\"Alice\",\"email\":[\"a@example.com\"]}", "{\"name\":\"Alice\",", "not json", "[]" })
    void aBodyThatIsNotAUserIsABadRequestProblem(String body) {
        expectProblem(client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                400, "Bad Request", "/users")
            .jsonPath("$.detail")
            .value(String.class,
                    detail -> assertThat(detail).startsWith("Request body ")
                        .doesNotContain("tools.jackson")
                        .doesNotContain("UserCreate"));
    }

    @Test
    void aWrongJsonTypeIsNamedInTheProblem() {
        expectProblem(client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":42,\"email\":\"a@example.com\"}")
            .exchange(), 400, "Bad Request", "/users").jsonPath("$.detail")
            .isEqualTo("Request body has a value of the wrong type at 'name'");
    }

    @Test
    void aMissingBodyIsABadRequestProblem() {
        expectProblem(client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
                "Bad Request", "/users")
            .jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail).startsWith("Request body "));
    }

    @Test
    void aBodyThatIsNotValidUtf8IsABadRequestProblem() {
        // "/" as the overlong C0 AF, which Jackson alone would decode.
        byte[] overlongSlash = utf8("{\"name\":\"A", new byte[] { (byte) 0xC0, (byte) 0xAF },
                "\",\"email\":\"a@example.com\"}");

        expectProblem(
                client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(overlongSlash).exchange(),
                400, "Bad Request", "/users")
            .jsonPath("$.detail")
            .isEqualTo("Request body is not valid JSON");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsUnsupportedMediaType() {
        expectProblem(client.post().uri("/users").contentType(MediaType.TEXT_PLAIN).bodyValue("name=Alice").exchange(),
                415, "Unsupported Media Type", "/users");
        expectProblem(client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("name=Alice")
            .exchange(), 415, "Unsupported Media Type", "/users/1");
    }

    @Test
    void listAnswersThePageTheServiceGivesWithDefaultsOf100From0() {
        User bob = new User(2, "Bob", "bob@example.com", CREATED_AT);
        given(users.list(100, 0)).willReturn(Mono.just(List.of(ALICE, bob)));
        given(users.list(1, 1)).willReturn(Mono.just(List.of(bob)));
        given(users.list(1000, 5000)).willReturn(Mono.just(List.of()));

        client.get()
            .uri("/users")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .isEqualTo(List.of(ALICE, bob));
        client.get()
            .uri("/users?limit=1&offset=1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$[0].created_at")
            .isEqualTo("2026-11-25T06:17:01.123Z")
            .jsonPath("$.length()")
            .isEqualTo(1);
        client.get()
            .uri("/users?limit=1000&offset=5000")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("[]", true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "limit=0", "limit=1001", "limit=-1", "offset=-1", "limit=ten", "offset=1.5" })
    void aPageOutOfRangeIsAValidationProblemNamingTheParameter(String query) {
        String field = query.substring(0, query.indexOf('='));

        expectValidationProblem(client.get().uri("/users?" + query).exchange(), "/users", field);
    }

    @Test
    void getAnswersTheServicesJsonAsItIs() {
        byte[] cached = "{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\",\"created_at\":\"2026-11-25T06:17:01.123Z\"}"
            .getBytes(StandardCharsets.UTF_8);
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(cached, 3)));

        client.get()
            .uri("/users/1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody(byte[].class)
            .isEqualTo(cached);
    }

    @Test
    void anAbsentUserIsANotFoundProblem() {
        given(users.find(7)).willReturn(Mono.error(new ResourceNotFoundException("User", 7L)));

        expectProblem(client.get().uri("/users/7").exchange(), 404, "Not Found", "/users/7").jsonPath("$.detail")
            .isEqualTo("User 7 not found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "PUT", "DELETE" })
    void aNonNumericUserIdIsAValidationProblemNamingTheId(String method) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri("/users/abc");
        if (method.equals("PUT")) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Alice\"}");
        }

        expectValidationProblem(request.exchange(), "/users/abc", "id").jsonPath("$.errors[0].message")
            .isEqualTo("must be a valid long");
    }

    @Test
    void aPathWithPathParametersIsABadRequestProblemNotAnotherUser() {
        expectProblem(client.delete().uri("/users/1;DROP").exchange(), 400, "Bad Request", "/users/1;DROP")
            .jsonPath("$.detail")
            .isEqualTo("Path parameters (;) are not supported");
    }

    @Test
    void updateAnswersTheUpdatedUserWithOnlyTheGivenFieldsPassedOn() {
        given(users.update(1, IfMatch.ANY, new UserUpdate("Alice Jones", null)))
            .willReturn(Mono.just(new Versioned<>(new User(1, "Alice Jones", "alice@example.com", CREATED_AT), 2)));

        client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\" Alice Jones \"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(new User(1, "Alice Jones", "alice@example.com", CREATED_AT));
    }

    @Test
    void anEmptyUpdateReachesTheServiceAsAnEmptyUpdate() {
        given(users.update(1, IfMatch.ANY, new UserUpdate(null, null)))
            .willReturn(Mono.just(new Versioned<>(ALICE, 1)));

        client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(ALICE);
    }

    @Test
    void updatingAnAbsentUserIsANotFoundProblemAndToATakenEmailAConflict() {
        given(users.update(7, IfMatch.ANY, new UserUpdate("Ghost", null)))
            .willReturn(Mono.error(new ResourceNotFoundException("User", 7L)));
        given(users.update(1, IfMatch.ANY, new UserUpdate(null, "bob@example.com")))
            .willReturn(Mono.error(new ConflictException("A user with email bob@example.com already exists", null)));

        expectProblem(client.put()
            .uri("/users/7")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Ghost\"}")
            .exchange(), 404, "Not Found", "/users/7").jsonPath("$.detail").isEqualTo("User 7 not found");
        expectProblem(client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"bob@example.com\"}")
            .exchange(), 409, "Conflict", "/users/1").jsonPath("$.detail")
            .isEqualTo("A user with email bob@example.com already exists");
    }

    @Test
    void anInvalidUpdateIsAValidationProblemNamingEachField() {
        expectProblem(client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"  \",\"email\":\"nope\"}")
            .exchange(), 422, "Unprocessable Content", "/users/1").jsonPath("$.errors[*].field")
            .value(List.class, fields -> assertThat(fields).containsExactlyInAnyOrder("name", "email"));
    }

    @Test
    void deleteAnswersTheOriginalConfirmation() {
        given(users.delete(3, IfMatch.ANY))
            .willReturn(Mono.just(new MessageResponse("User 3 deleted successfully", "3")));

        client.delete()
            .uri("/users/3")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"message\":\"User 3 deleted successfully\",\"id\":\"3\"}", true);
    }

    @Test
    void deletingAnAbsentUserIsANotFoundProblem() {
        given(users.delete(7, IfMatch.ANY)).willReturn(Mono.error(new ResourceNotFoundException("User", 7L)));

        expectProblem(client.delete().uri("/users/7").exchange(), 404, "Not Found", "/users/7").jsonPath("$.detail")
            .isEqualTo("User 7 not found");
    }

    static Stream<Arguments> everyEndpoint() {
        Function<WebTestClient, WebTestClient.ResponseSpec> create = client -> client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Alice", "email", "alice@example.com"))
            .exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> list = client -> client.get().uri("/users").exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> get = client -> client.get().uri("/users/1").exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> update = client -> client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Alice"))
            .exchange();
        Function<WebTestClient, WebTestClient.ResponseSpec> delete = client -> client.delete()
            .uri("/users/1")
            .exchange();
        return Stream.of(Arguments.of("POST /users", "/users", create), Arguments.of("GET /users", "/users", list),
                Arguments.of("GET /users/1", "/users/1", get), Arguments.of("PUT /users/1", "/users/1", update),
                Arguments.of("DELETE /users/1", "/users/1", delete));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEndpoint")
    void aStoreOutageIsAServiceUnavailableProblemThatNamesOnlyTheStore(String endpoint, String path,
            Function<WebTestClient, WebTestClient.ResponseSpec> request) {
        StoreUnavailableException outage = new StoreUnavailableException("PostgreSQL",
                new IllegalStateException("connection to secret-db-host:5432 refused"));
        given(users.create(new UserCreate("Alice", "alice@example.com"))).willReturn(Mono.error(outage));
        given(users.list(100, 0)).willReturn(Mono.error(outage));
        given(users.find(1)).willReturn(Mono.error(outage));
        given(users.update(1, IfMatch.ANY, new UserUpdate("Alice", null))).willReturn(Mono.error(outage));
        given(users.delete(1, IfMatch.ANY)).willReturn(Mono.error(outage));

        expectProblem(request.apply(client), 503, "Service Unavailable", path).jsonPath("$.detail")
            .isEqualTo("PostgreSQL is temporarily unavailable; retry shortly");
    }

    @Test
    void anOutageLeaksNothingOfItsCause() {
        given(users.find(1)).willReturn(Mono.error(new StoreUnavailableException("PostgreSQL",
                new IllegalStateException("connection to secret-db-host:5432 refused"))));

        String body = client.get()
            .uri("/users/1")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).doesNotContain("secret-db-host").doesNotContain("IllegalStateException");
    }

    @Test
    void anUnexpectedFailureIsAGenericServerErrorProblem() {
        given(users.find(1)).willReturn(Mono.error(new IllegalStateException("secret internals")));

        String body = client.get()
            .uri("/users/1")
            .exchange()
            .expectStatus()
            .isEqualTo(500)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).contains("\"detail\":\"An unexpected error occurred\"")
            .doesNotContain("secret internals")
            .doesNotContain("IllegalStateException");
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsAMethodNotAllowedProblem() {
        expectProblem(client.patch()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice\"}")
            .exchange(), 405, "Method Not Allowed", "/users/1");
        expectProblem(client.delete().uri("/users").exchange(), 405, "Method Not Allowed", "/users");
    }

    private static byte[] utf8(String before, byte[] raw, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(raw, 0, body, head.length, raw.length);
        System.arraycopy(tail, 0, body, head.length + raw.length, tail.length);
        return body;
    }

}
