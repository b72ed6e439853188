package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.practicalsystemdesign.common.testing.HealthAnswer;
import com.practicalsystemdesign.common.testing.Management;
import com.practicalsystemdesign.common.model.User;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint and status code of the users API (docs/api.md), over HTTP, on real
 * stores.
 */
class UserApiIT extends WithRealStores {

    /** How often a create that answered 503 is sent again: 20 s in all. */
    private static final int RETRIES = 100;

    @Autowired
    private WebTestClient client;

    @Autowired
    private DatabaseClient database;

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Test
    void createsAUserWithTrimmedFieldsAndSnakeCaseJson() {
        String email = uniqueEmail("alice");

        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"  Alice Smith \",\"email\":\" " + email + " \",\"role\":\"ignored\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.id")
            .isNumber()
            .jsonPath("$.name")
            .isEqualTo("Alice Smith")
            .jsonPath("$.email")
            .isEqualTo(email)
            .jsonPath("$.created_at")
            .value(String.class, createdAt -> assertThat(createdAt).matches(".*T.*Z"))
            .jsonPath("$.createdAt")
            .doesNotExist()
            .jsonPath("$.version")
            .doesNotExist()
            .jsonPath("$.role")
            .doesNotExist();
    }

    @Test
    void rejectsASecondUserWithTheSameEmailInAnyCase() {
        String email = uniqueEmail("carol");
        createUser(client, "Carol", email);

        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Carol Again", "email", email.toUpperCase()))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(409)
            .jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail).contains("already exists"));
    }

    @Test
    void thirtyTwoConcurrentCreatesWithOneEmailGiveExactlyOneCreated() {
        String email = uniqueEmail("race");
        WebClient http = WebClient.create("http://localhost:" + port);
        // A 503 ("retry shortly") is retried as a client would: on a busy machine some
        // of the 32 wait longer for a connection than the pool's one second.
        Flux<Integer> statuses = Flux.range(0, 32)
            .flatMap(i -> Mono
                .defer(() -> http.post()
                    .uri("/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Racer " + i, "email", i % 2 == 0 ? email : email.toUpperCase()))
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .filter(status -> status != 503)
                .repeatWhenEmpty(RETRIES, attempts -> attempts.delayElements(Duration.ofMillis(200))), 32);
        Mono<Long> rows = database.sql("SELECT count(*) AS n FROM users WHERE lower(email) = lower(:email)")
            .bind("email", email)
            .map(row -> row.get("n", Long.class))
            .one();

        // Counted once every create has answered (zipWith would count while they still
        // run).
        StepVerifier.create(statuses.collectList().zipWhen(all -> rows)).assertNext(result -> {
            assertThat(Collections.frequency(result.getT1(), 201)).as("201s in %s", result.getT1()).isEqualTo(1);
            assertThat(Collections.frequency(result.getT1(), 409)).as("409s in %s", result.getT1()).isEqualTo(31);
            assertThat(result.getT2()).isEqualTo(1);
        }).verifyComplete();
    }

    @Test
    void listsUsersOrderedByIdWithLimitAndOffset() {
        User first = createUser(client, "List One", uniqueEmail("list1"));
        User second = createUser(client, "List Two", uniqueEmail("list2"));
        User third = createUser(client, "List Three", uniqueEmail("list3"));

        List<User> all = client.get()
            .uri("/users?limit=1000&offset=0")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .returnResult()
            .getResponseBody();
        assertThat(all).extracting(User::id).isSorted().contains(first.id(), second.id(), third.id());

        int offset = all.indexOf(first);
        client.get()
            .uri("/users?limit=2&offset=" + offset)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .isEqualTo(List.of(first, second));
        client.get()
            .uri("/users")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .value(page -> assertThat(page).hasSizeLessThanOrEqualTo(100).isNotEmpty());
    }

    @Test
    void returnsAUserById() {
        User bob = createUser(client, "Bob Jones", uniqueEmail("bob"));

        client.get()
            .uri("/users/{id}", bob.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(bob);
    }

    @Test
    void returnsNotFoundProblemWhenUserMissing() {
        client.get()
            .uri("/users/{id}", Long.MAX_VALUE)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.title")
            .isEqualTo("Not Found")
            .jsonPath("$.detail")
            .isEqualTo("User " + Long.MAX_VALUE + " not found")
            .jsonPath("$.instance")
            .isEqualTo("/users/" + Long.MAX_VALUE);
    }

    @Test
    void updatesOnlyTheFieldsGiven() {
        User dana = createUser(client, "Dana", uniqueEmail("dana"));
        String newEmail = uniqueEmail("dana.new");

        client.put()
            .uri("/users/{id}", dana.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\" Dana Scully \"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(new User(dana.id(), "Dana Scully", dana.email(), dana.createdAt()));
        client.put()
            .uri("/users/{id}", dana.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", newEmail))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(new User(dana.id(), "Dana Scully", newEmail, dana.createdAt()));
        client.get()
            .uri("/users/{id}", dana.id())
            .exchange()
            .expectBody(User.class)
            .isEqualTo(new User(dana.id(), "Dana Scully", newEmail, dana.createdAt()));
    }

    @Test
    void anEmptyUpdateChangesNothingAndReturnsTheUser() {
        User erin = createUser(client, "Erin", uniqueEmail("erin"));

        client.put()
            .uri("/users/{id}", erin.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(User.class)
            .isEqualTo(erin);
    }

    @Test
    void updatingToAnotherUsersEmailIsAConflictButOwnEmailInOtherCaseIsNot() {
        User frank = createUser(client, "Frank", uniqueEmail("frank"));
        User grace = createUser(client, "Grace", uniqueEmail("grace"));

        client.put()
            .uri("/users/{id}", frank.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", grace.email().toUpperCase()))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.put()
            .uri("/users/{id}", frank.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", frank.email().toUpperCase()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.email")
            .isEqualTo(frank.email().toUpperCase());
    }

    @Test
    void updatingOrDeletingAMissingUserIsNotFound() {
        client.put()
            .uri("/users/{id}", Long.MAX_VALUE)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Nobody"))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.put()
            .uri("/users/{id}", Long.MAX_VALUE)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isNotFound();
        client.delete()
            .uri("/users/{id}", Long.MAX_VALUE)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("User " + Long.MAX_VALUE + " not found");
    }

    @Test
    void deletesAUserWithTheOriginalConfirmation() {
        User gone = createUser(client, "Gone Soon", uniqueEmail("gone"));

        client.delete()
            .uri("/users/{id}", gone.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"message\":\"User " + gone.id() + " deleted successfully\",\"id\":\"" + gone.id() + "\"}",
                    JsonCompareMode.STRICT);
        client.get().uri("/users/{id}", gone.id()).exchange().expectStatus().isNotFound();
        client.delete().uri("/users/{id}", gone.id()).exchange().expectStatus().isNotFound();
    }

    static Stream<Arguments> invalidCreates() {
        return Stream.of(Arguments.of("{\"name\":\"   \",\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"email\":\"a@example.com\"}", "name"),
                Arguments.of("{\"name\":\"Alice\",\"email\":\"not-an-email\"}", "email"),
                Arguments.of("{\"name\":\"Alice\",\"email\":\"alice@localhost\"}", "email"),
                Arguments.of("{\"name\":\"Alice\"}", "email"));
    }

    @ParameterizedTest
    @MethodSource("invalidCreates")
    void rejectsAnInvalidCreateWithTheFieldNamed(String body, String field) {
        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(422)
            .jsonPath("$.errors.length()")
            .isEqualTo(1)
            .jsonPath("$.errors[0].field")
            .isEqualTo(field)
            .jsonPath("$.errors[0].message")
            .isNotEmpty();
    }

    @Test
    void acceptsANameOfExactlyOneHundredCharacters() {
        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "x".repeat(100), "email", uniqueEmail("long")))
            .exchange()
            .expectStatus()
            .isCreated();
    }

    @Test
    void countsNameLengthInCharactersSoOneHundredEmojiFitOnCreateAndUpdate() {
        String emoji = "\uD83D\uDE00";
        User created = createUser(client, emoji.repeat(100), uniqueEmail("emoji"));
        assertThat(created.name()).isEqualTo(emoji.repeat(100));
        client.get()
            .uri("/users/{id}", created.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(emoji.repeat(100));

        client.put()
            .uri("/users/{id}", created.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "x" + emoji.repeat(99)))
            .exchange()
            .expectStatus()
            .isOk();
        client.put()
            .uri("/users/{id}", created.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", emoji.repeat(101)))
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("name");
        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", emoji.repeat(101), "email", uniqueEmail("emoji")))
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("name");
    }

    @Test
    void rejectsAnInvalidUpdateWithTheFieldsNamed() {
        User heidi = createUser(client, "Heidi", uniqueEmail("heidi"));

        client.put()
            .uri("/users/{id}", heidi.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"  \",\"email\":\"nope\"}")
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[*].field")
            .value(List.class, fields -> assertThat(fields).containsExactlyInAnyOrder("name", "email"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "limit=0", "limit=1001", "limit=-1", "offset=-1", "limit=ten" })
    void rejectsAPageOutOfRange(String query) {
        String field = query.substring(0, query.indexOf('='));

        client.get()
            .uri("/users?" + query)
            .exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "PUT", "DELETE" })
    void rejectsANonNumericUserId(String method) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri("/users/abc");
        if (method.equals("PUT")) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Alice\"}");
        }

        request.exchange()
            .expectStatus()
            .isEqualTo(422)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("id");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":42,\"email\":\"a@example.com\"}",
            "{\"name\":\"Alice\",\"email\":[\"a@example.com\"]}", "{\"name\":\"Alice\",", "not json", "" })
    void rejectsABodyThatIsNotAUserAsBadRequest(String body) {
        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(400)
            .jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail).doesNotContain("tools.jackson"));
    }

    @Test
    void rejectsAPlainTextBodyAsUnsupportedMediaType() {
        client.post()
            .uri("/users")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=Alice")
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthIsHealthyWithBothStoresUp() {
        HealthAnswer.expect(client, "healthy", Map.of("postgres", "healthy", "redis", "healthy"))
            .jsonPath("$.service")
            .isEqualTo("user-service")
            .jsonPath("$.version")
            .isNotEmpty()
            .jsonPath("$.timestamp")
            .isNotEmpty();
    }

    @Test
    void actuatorIsOnlyOnTheManagementPortWithProbesAndCacheMetrics() {
        WebTestClient management = Management.client(managementPort);

        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        management.get()
            .uri("/actuator/health/readiness")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP");
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        management.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .value(metrics -> assertThat(metrics)
                .contains("cache_requests_total{application=\"user-service\",cache=\"users\",result=\"hit\"")
                .contains("cache_requests_total{application=\"user-service\",cache=\"users\",result=\"miss\"")
                .contains("cache_requests_total{application=\"user-service\",cache=\"users\",result=\"error\""));
    }

    @Test
    void servesAnOpenApiDocumentWithSnakeCaseSchemas() {
        client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.info.title")
            .isEqualTo("user-service")
            .jsonPath("$.paths['/users'].post")
            .exists()
            .jsonPath("$.paths['/users'].get.parameters[*].name")
            .value(List.class, names -> assertThat(names).contains("limit", "offset"))
            .jsonPath("$.paths['/users/{id}'].get.responses['200'].content['application/json'].schema.$ref")
            .isEqualTo("#/components/schemas/User")
            .jsonPath("$.paths['/users/{id}'].put")
            .exists()
            .jsonPath("$.paths['/users/{id}'].delete")
            .exists()
            .jsonPath("$.components.schemas.User.properties.created_at")
            .exists()
            .jsonPath("$.components.schemas.User.properties.createdAt")
            .doesNotExist();
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

}
