package com.practicalsystemdesign.userservice.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.practicalsystemdesign.common.model.User;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email uniqueness on the test harness's PostgreSQL, a cluster initialised with
 * {@code --no-locale} like the local run's, where {@code lower('É')} is {@code 'É'}: the
 * service's key makes it the same as under any locale.
 */
class EmailUniquenessIT extends WithRealStores {

    @Autowired
    private WebTestClient client;

    @Test
    void anEmailInAnotherCaseBeyondAsciiIsTaken() {
        String unique = Long.toString(System.nanoTime());
        User emile = createUser(client, "Emile", "\u00c9mile." + unique + "@example.com");

        create("\u00e9mile." + unique + "@example.com").expectStatus().isEqualTo(409);
        create("\u00c9MILE." + unique + "@EXAMPLE.COM").expectStatus().isEqualTo(409);
        assertThat(emile.email()).as("stored as sent").isEqualTo("\u00c9mile." + unique + "@example.com");
    }

    @Test
    void theDecomposedSpellingOfATakenEmailIsTaken() {
        String unique = Long.toString(System.nanoTime());
        createUser(client, "Emile", "\u00e9mile." + unique + "@example.com");

        create("e\u0301mile." + unique + "@example.com").expectStatus().isEqualTo(409);
    }

    @Test
    void anUpdateToAnotherUsersEmailInAnotherCaseOrSpellingIsAConflictButOwnIsNot() {
        String unique = Long.toString(System.nanoTime());
        User emile = createUser(client, "Emile", "\u00e9mile." + unique + "@example.com");
        User other = createUser(client, "Other", "other." + unique + "@example.com");

        update(other.id(), "\u00c9mile." + unique + "@example.com").expectStatus().isEqualTo(409);
        update(emile.id(), "E\u0301MILE." + unique + "@example.com").expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec create(String email) {
        return client.post()
            .uri("/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Again", "email", email))
            .exchange();
    }

    private WebTestClient.ResponseSpec update(long id, String email) {
        return client.put()
            .uri("/users/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email))
            .exchange();
    }

}
