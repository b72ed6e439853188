package com.practicalsystemdesign.userservice.system;

import java.time.Duration;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.testing.OpenApiContract;
import com.practicalsystemdesign.common.testing.OpenApiLint;
import com.practicalsystemdesign.common.testing.OutageTest;
import com.practicalsystemdesign.common.testing.PostgresStore;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.TcpProxy;
import com.practicalsystemdesign.common.testing.Tool;

import static org.awaitility.Awaitility.await;
import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves is its true contract: every operation meets
 * every answer the document lists, and each request and answer is checked against the
 * document ({@link OpenApiContract}); PostgreSQL sits behind a {@link TcpProxy} so the
 * 503 answers are met too. The document also passes the OpenAPI linter.
 */
class OpenApiConformanceIT extends OutageTest {

    private static final TcpProxy postgres = TcpProxy.to(RealStores.postgres().host(), RealStores.postgres().port());

    private static OpenApiContract contract;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        PostgresStore real = RealStores.postgres();
        new PostgresStore(real.host(), postgres.port(), real.database(), real.username(), real.password())
            .register(registry);
        RealStores.redis().register(registry);
    }

    private WebTestClient checked;

    @BeforeEach
    void checkEveryExchange() {
        if (contract == null) {
            contract = OpenApiContract.servedTo(client);
        }
        checked = contract.checking(client);
    }

    /**
     * The next test starts once the service writes again: connections the cut left in the
     * pool are found broken and replaced on use, which takes a request or more.
     */
    @AfterEach
    void bringPostgresBack() {
        postgres.forward();
        await("a create after PostgreSQL is back").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Back", "email", uniqueEmail("back")))
                .exchange()
                .returnResult(Void.class)
                .getStatus()
                .value() == 201);
    }

    @AfterAll
    static void everyDocumentedAnswerWasMet() {
        postgres.close();
        assertThat(contract.unseenAnswers()).as("answers the document lists that no exchange met").isEmpty();
    }

    @Test
    void createMeetsEveryAnswer() {
        String email = uniqueEmail("contract");
        post("/users", Map.of("name", "Contract", "email", email)).expectStatus().isCreated();
        post("/users", Map.of("name", "Contract Again", "email", email)).expectStatus().isEqualTo(409);
        post("/users", Map.of("name", " ", "email", uniqueEmail("blank"))).expectStatus().isEqualTo(422);
        post("/users", "{\"name\":").expectStatus().isBadRequest();
        checked.post()
            .uri("/users")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=Alice")
            .exchange()
            .expectStatus()
            .isEqualTo(415);
        post("/users", "{\"name\":\"" + "x".repeat(300_000) + "\"}").expectStatus().isEqualTo(413);
        notAcceptable(HttpMethod.POST, "/users");
        postgres.refuse();
        expectUnavailableWithinPromise(checked.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Outage", "email", uniqueEmail("outage"))), "PostgreSQL");
    }

    @Test
    void listMeetsEveryAnswer() {
        createUser(client, "Listed", uniqueEmail("listed"));
        checked.get().uri("/users?limit=2&offset=0").exchange().expectStatus().isOk();
        checked.get().uri("/users?limit=1001").exchange().expectStatus().isEqualTo(422);
        checked.get().uri("/users;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/users");
        postgres.refuse();
        expectUnavailableWithinPromise(checked.get().uri("/users"), "PostgreSQL");
    }

    @Test
    void getMeetsEveryAnswer() {
        User user = createUser(client, "Read", uniqueEmail("read"));
        checked.get().uri("/users/{id}", user.id()).exchange().expectStatus().isOk();
        String etag = checked.get()
            .uri("/users/{id}", user.id())
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(byte[].class)
            .getResponseHeaders()
            .getETag();
        checked.get().uri("/users/{id}", user.id()).ifNoneMatch(etag).exchange().expectStatus().isNotModified();
        checked.get()
            .uri("/users/{id}", user.id())
            .header(HttpHeaders.IF_MATCH, "\"999999\"")
            .exchange()
            .expectStatus()
            .isEqualTo(412);
        checked.get().uri("/users/{id}", Long.MAX_VALUE).exchange().expectStatus().isNotFound();
        checked.get().uri("/users/abc").exchange().expectStatus().isEqualTo(422);
        checked.get().uri("/users/1;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/users/" + user.id());
        postgres.refuse();
        expectUnavailableWithinPromise(checked.get().uri("/users/{id}", Long.MAX_VALUE - 1), "PostgreSQL");
    }

    @Test
    void updateMeetsEveryAnswer() {
        User user = createUser(client, "Update", uniqueEmail("update"));
        User other = createUser(client, "Other", uniqueEmail("other"));
        put("/users/" + user.id(), Map.of("name", "Updated")).expectStatus().isOk();
        put("/users/" + user.id(), "{}").expectStatus().isOk();
        put("/users/" + user.id(), Map.of("email", other.email())).expectStatus().isEqualTo(409);
        put("/users/" + user.id(), Map.of("email", "nope")).expectStatus().isEqualTo(422);
        put("/users/" + Long.MAX_VALUE, Map.of("name", "Nobody")).expectStatus().isNotFound();
        checked.put()
            .uri("/users/{id}", user.id())
            .header(HttpHeaders.IF_MATCH, "\"999999\"")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Stale"))
            .exchange()
            .expectStatus()
            .isEqualTo(412);
        put("/users/" + user.id(), "[").expectStatus().isBadRequest();
        checked.put()
            .uri("/users/{id}", user.id())
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name=Alice")
            .exchange()
            .expectStatus()
            .isEqualTo(415);
        put("/users/" + user.id(), "{\"name\":\"" + "x".repeat(300_000) + "\"}").expectStatus().isEqualTo(413);
        notAcceptable(HttpMethod.PUT, "/users/" + user.id());
        postgres.refuse();
        expectUnavailableWithinPromise(checked.put()
            .uri("/users/{id}", user.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Outage")), "PostgreSQL");
    }

    @Test
    void deleteMeetsEveryAnswer() {
        User user = createUser(client, "Delete", uniqueEmail("delete"));
        User kept = createUser(client, "Kept", uniqueEmail("kept"));
        checked.delete()
            .uri("/users/{id}", user.id())
            .header(HttpHeaders.IF_MATCH, "\"999999\"")
            .exchange()
            .expectStatus()
            .isEqualTo(412);
        checked.delete().uri("/users/{id}", user.id()).exchange().expectStatus().isOk();
        checked.delete().uri("/users/{id}", user.id()).exchange().expectStatus().isNotFound();
        checked.delete().uri("/users/abc").exchange().expectStatus().isEqualTo(422);
        checked.delete().uri("/users/1;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.DELETE, "/users/" + kept.id());
        postgres.refuse();
        expectUnavailableWithinPromise(checked.delete().uri("/users/{id}", kept.id()), "PostgreSQL");
    }

    @Test
    void healthMeetsEveryAnswer() {
        checked.get().uri("/health").exchange().expectStatus().isOk();
        checked.get().uri("/health;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/health");
        postgres.refuse();
        checked.get().uri("/health").exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void statsMeetEveryAnswer() {
        checked.get().uri("/stats").exchange().expectStatus().isOk();
        checked.get().uri("/stats;x").exchange().expectStatus().isBadRequest();
        notAcceptable(HttpMethod.GET, "/stats");
    }

    @Test
    @RequiresTool(Tool.NPX)
    void documentPassesTheLinter() {
        OpenApiLint.assertServedDocumentHasNoErrors("user-service", client);
    }

    private WebTestClient.ResponseSpec post(String uri, Object body) {
        return checked.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec put(String uri, Object body) {
        return checked.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private void notAcceptable(HttpMethod method, String uri) {
        WebTestClient.RequestBodySpec request = checked.method(method).uri(uri).accept(MediaType.IMAGE_PNG);
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Accept", "email", uniqueEmail("accept")));
        }
        request.exchange().expectStatus().isEqualTo(406);
    }

}
