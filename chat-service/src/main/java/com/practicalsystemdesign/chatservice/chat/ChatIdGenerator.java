package com.practicalsystemdesign.chatservice.chat;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Chat ids as the original design makes them: {@code chat-} and 12 lowercase hex digits
 * (48 random bits). Collisions are unlikely but possible, so the chat is written with
 * {@code attribute_not_exists(id)} and a clash draws a new id instead of overwriting a
 * chat.
 */
@Component
class ChatIdGenerator {

    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "chat-" + HEX.formatHex(bytes);
    }

}
