package com.practicalsystemdesign.userservice.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.model.UserCreate;
import com.practicalsystemdesign.common.model.UserUpdate;
import com.practicalsystemdesign.common.web.PreconditionFailedException;
import com.practicalsystemdesign.common.web.WebConventionsAutoConfiguration;

import static com.practicalsystemdesign.common.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Conditional requests of docs/api.md as the HTTP layer answers them: the version as a
 * strong ETag, 304 for a matching {@code If-None-Match}, {@code If-Match} handed to the
 * service (which has the database check it), and 400 for an {@code If-Match} that is no
 * list of strong tags. UserApiIT covers the same on the real stores.
 */
@WebFluxTest(UserController.class)
@ImportAutoConfiguration({ WebConventionsAutoConfiguration.class, ReactorAutoConfiguration.class })
class ConditionalRequestsTests {

    private static final User ALICE = new User(1, "Alice Smith", "alice@example.com",
            Instant.parse("2026-11-25T06:17:01.123Z"));

    private static final byte[] ALICE_JSON = ("{\"id\":1,\"name\":\"Alice Smith\",\"email\":\"alice@example.com\","
            + "\"created_at\":\"2026-11-25T06:17:01.123Z\"}")
        .getBytes(StandardCharsets.UTF_8);

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private UserService users;

    @Test
    void everyAnswerWithOneUserCarriesItsVersionAsAStrongETag() {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));
        given(users.create(new UserCreate("Alice Smith", "alice@example.com")))
            .willReturn(Mono.just(new Versioned<>(ALICE, 0)));
        given(users.update(1, IfMatch.ANY, new UserUpdate("Alice Smith", null)))
            .willReturn(Mono.just(new Versioned<>(ALICE, 4)));

        client.get().uri("/users/1").exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"");
        client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice Smith\",\"email\":\"alice@example.com\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("ETag", "\"0\"");
        client.put()
            .uri("/users/1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice Smith\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("ETag", "\"4\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"3\"", "W/\"3\"", "\"2\", \"3\"" })
    void aGetWhoseIfNoneMatchNamesTheCurrentVersionIsNotModifiedWithoutABody(String ifNoneMatch) {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.get()
            .uri("/users/1")
            .header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
            .exchange()
            .expectStatus()
            .isNotModified()
            .expectHeader()
            .valueEquals("ETag", "\"3\"")
            .expectBody()
            .isEmpty();
    }

    /**
     * RFC 9110 13.1.2: a malformed If-None-Match matches nothing, so the user is sent.
     */
    @ParameterizedTest
    @ValueSource(strings = { "\"2\"", "3", "\"3", "W/3" })
    void aGetWhoseIfNoneMatchNamesNoCurrentVersionAnswersTheUser(String ifNoneMatch) {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.get()
            .uri("/users/1")
            .header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("ETag", "\"3\"")
            .expectBody(byte[].class)
            .isEqualTo(ALICE_JSON);
    }

    /**
     * RFC 9110 13.1.1: a GET whose If-Match names none of the current ETag is refused, as
     * a write would be, with the same problem.
     */
    @ParameterizedTest
    @ValueSource(strings = { "\"2\"", "\"2\", \"4\"", "\"abc\"" })
    void aGetWhoseIfMatchNamesNoCurrentVersionIsAPreconditionFailedProblem(String ifMatch) {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        expectProblem(client.get().uri("/users/1").header(HttpHeaders.IF_MATCH, ifMatch).exchange(), 412,
                "Precondition Failed", "/users/1")
            .jsonPath("$.detail")
            .isEqualTo("User 1 has changed since that version: its ETag is now \"3\", which If-Match does not name; "
                    + "GET it without If-Match to read it");
    }

    @Test
    void aHeadWhoseIfMatchNamesNoCurrentVersionIsAPreconditionFailedWithoutABody() {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.head()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, "\"2\"")
            .exchange()
            .expectStatus()
            .isEqualTo(412)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"3\"", "\"2\", \"3\"", "*" })
    void aGetWhoseIfMatchNamesTheCurrentVersionAnswersTheUser(String ifMatch) {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.get()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, ifMatch)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("ETag", "\"3\"")
            .expectBody(byte[].class)
            .isEqualTo(ALICE_JSON);
    }

    /** RFC 9110 13.2.2: a passed If-Match leaves If-None-Match to decide. */
    @Test
    void aGetWhoseIfMatchAndIfNoneMatchBothNameTheCurrentVersionIsNotModified() {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.get()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, "\"3\"")
            .header(HttpHeaders.IF_NONE_MATCH, "\"3\"")
            .exchange()
            .expectStatus()
            .isNotModified();
    }

    /** Users carry no Last-Modified, so If-Unmodified-Since has nothing to compare. */
    @Test
    void aGetWithIfUnmodifiedSinceAnswersTheUser() {
        given(users.find(1)).willReturn(Mono.just(new Versioned<>(ALICE_JSON, 3)));

        client.get()
            .uri("/users/1")
            .header(HttpHeaders.IF_UNMODIFIED_SINCE, "Thu, 01 Jan 1970 00:00:00 GMT")
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void aGetWhoseIfMatchIsNoListOfStrongTagsIsABadRequestProblem() {
        expectProblem(client.get().uri("/users/1").header(HttpHeaders.IF_MATCH, "W/\"3\"").exchange(), 400,
                "Bad Request", "/users/1");
        verifyNoInteractions(users);
    }

    @Test
    void ifMatchReachesTheServiceAsTheVersionsItNames() {
        given(users.update(1, new IfMatch(List.of(3L, 4L)), new UserUpdate("Alice Jones", null)))
            .willReturn(Mono.just(new Versioned<>(ALICE, 5)));
        given(users.delete(1, new IfMatch(List.of(5L)))).willReturn(Mono.just(new MessageResponse("deleted", "1")));

        client.put()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, "\"3\", \"4\"")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice Jones\"}")
            .exchange()
            .expectStatus()
            .isOk();
        client.delete().uri("/users/1").header(HttpHeaders.IF_MATCH, "\"5\"").exchange().expectStatus().isOk();
    }

    @Test
    void ifMatchStarOrATagThatIsNoVersionStillReachTheService() {
        given(users.delete(1, IfMatch.ANY)).willReturn(Mono.just(new MessageResponse("deleted", "1")));
        given(users.delete(2, new IfMatch(List.of()))).willReturn(Mono.error(new PreconditionFailedException("moved")));

        client.delete().uri("/users/1").header(HttpHeaders.IF_MATCH, "*").exchange().expectStatus().isOk();
        client.delete()
            .uri("/users/2")
            .header(HttpHeaders.IF_MATCH, "\"abc\"")
            .exchange()
            .expectStatus()
            .isEqualTo(412);
    }

    @Test
    void aWriteWhoseUserMovedOnIsAPreconditionFailedProblem() {
        String detail = "User 1 has changed since that version: its ETag is now \"5\", which If-Match does not name; "
                + "GET it again before writing";
        given(users.update(1, new IfMatch(List.of(3L)), new UserUpdate("Alice Jones", null)))
            .willReturn(Mono.error(new PreconditionFailedException(detail)));

        expectProblem(client.put()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, "\"3\"")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice Jones\"}")
            .exchange(), 412, "Precondition Failed", "/users/1").jsonPath("$.detail").isEqualTo(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = { "3", "W/\"3\"", "\"3", "\"3\" \"4\"", "\"3\",", "**" })
    void anIfMatchThatIsNoListOfStrongTagsIsABadRequestProblemThatReachesNoStore(String ifMatch) {
        expectProblem(client.delete().uri("/users/1").header(HttpHeaders.IF_MATCH, ifMatch).exchange(), 400,
                "Bad Request", "/users/1")
            .jsonPath("$.detail")
            .value(String.class, detail -> assertThat(detail)
                .startsWith("If-Match must be * or a list of strong entity tags such as \"3\" (a user's ETag)"));
        expectProblem(client.put()
            .uri("/users/1")
            .header(HttpHeaders.IF_MATCH, ifMatch)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Alice Jones\"}")
            .exchange(), 400, "Bad Request", "/users/1");
        verifyNoInteractions(users);
    }

    @Test
    void aWriteWithoutIfMatchIsUnconditionalAsBefore() {
        given(users.delete(1, IfMatch.ANY)).willReturn(Mono.just(new MessageResponse("deleted", "1")));

        client.delete().uri("/users/1").exchange().expectStatus().isOk();
        then(users).should().delete(1, IfMatch.ANY);
    }

}
