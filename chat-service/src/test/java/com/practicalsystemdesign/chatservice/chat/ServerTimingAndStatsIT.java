package com.practicalsystemdesign.chatservice.chat;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.StatusAssertions;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.common.model.Chat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console reads on DynamoDB Local: each answer's {@code Server-Timing} with the
 * DynamoDB calls it made, and {@code GET /stats}.
 */
class ServerTimingAndStatsIT extends DynamoDbLocalTest {

    private static final String MILLIS = "\\d+\\.\\d\\d";

    @Test
    void anAnswerSaysHowManyDynamoDbCallsItMadeAndHowLongTheyTook() {
        Chat chat = createChat("Timed");

        read("/chats/" + chat.id()).isOk()
            .expectHeader()
            .valueMatches("Server-Timing", "dynamodb;dur=" + MILLIS + ";desc=\"[1-9]\\d* calls\", app;dur=" + MILLIS)
            .expectHeader()
            .doesNotExist("X-Cache");
        read("/chats/chat-000000000000").isNotFound()
            .expectHeader()
            .valueMatches("Server-Timing", "dynamodb;dur=" + MILLIS + ";desc=\"[1-9]\\d* calls\", app;dur=" + MILLIS);
    }

    @Test
    void statsCountTheLastMinutesRequestsWithoutACache() {
        Chat chat = createChat("Counted");
        read("/chats/" + chat.id()).isOk();
        read("/health").isOk();

        // Everything above happened within the window, whatever other tests did before.
        read("/stats").isOk()
            .expectBody()
            .jsonPath("$.service")
            .isEqualTo("chat-service")
            .jsonPath("$.window_seconds")
            .isEqualTo(60)
            .jsonPath("$.requests")
            .value(Number.class, requests -> assertThat(requests.longValue()).isGreaterThanOrEqualTo(2))
            .jsonPath("$.requests_per_second")
            .value(Number.class, rate -> assertThat(rate.doubleValue()).isGreaterThanOrEqualTo(0.03))
            .jsonPath("$.cache")
            .doesNotExist();
    }

    private StatusAssertions read(String path) {
        return client.get().uri(path).exchange().expectStatus();
    }

}
