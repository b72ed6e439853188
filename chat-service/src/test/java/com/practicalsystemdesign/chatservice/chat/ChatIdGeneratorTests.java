package com.practicalsystemdesign.chatservice.chat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatIdGeneratorTests {

    private final ChatIdGenerator ids = new ChatIdGenerator();

    @Test
    void makesIdsOfChatPrefixAndTwelveLowercaseHexDigits() {
        assertThat(IntStream.range(0, 100).mapToObj(i -> ids.next())).allMatch(id -> id.matches("chat-[0-9a-f]{12}"));
    }

    @Test
    void makesDifferentIdsEachTime() {
        Set<String> drawn = IntStream.range(0, 10_000).mapToObj(i -> ids.next()).collect(Collectors.toSet());

        assertThat(drawn).hasSize(10_000);
    }

}
