package com.practicalsystemdesign.common.testing;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.User;

/**
 * Users and chats created through the public API, as a client would, for tests that need
 * one to exist before they start.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** An email address no other test run uses, built on {@code local}. */
    public static String uniqueEmail(String local) {
        return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** {@code POST /users}, expecting 201 Created. */
    public static User createUser(WebTestClient client, String name, String email) {
        return client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "email", email))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(User.class)
            .returnResult()
            .getResponseBody();
    }

    /** {@code POST /chats}, expecting 201 Created; returns the new chat's id. */
    public static String createChat(WebTestClient client, String name) {
        return createChat(client, Map.of("name", name));
    }

    /** {@code POST /chats} with {@code body}, expecting 201 Created; returns the id. */
    public static String createChat(WebTestClient client, Map<String, ?> body) {
        return client.post()
            .uri("/chats")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .toString();
    }

}
