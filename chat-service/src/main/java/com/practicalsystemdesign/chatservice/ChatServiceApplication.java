package com.practicalsystemdesign.chatservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chats API on DynamoDB: chats, their participants, and the chats of a participant
 * through the {@code participantId-index} GSI. Features live in {@code chat} (the API)
 * and {@code table} (the table definitions and their creation at start); {@code system}
 * holds cross-cutting configuration only.
 */
@SpringBootApplication
public class ChatServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatServiceApplication.class, args);
    }

}
