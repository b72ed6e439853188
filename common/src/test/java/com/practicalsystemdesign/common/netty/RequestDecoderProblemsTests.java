package com.practicalsystemdesign.common.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problems of {@link RequestDecoderProblems} as Netty's own HTTP codec hands it the
 * requests it failed to decode (with limits of 64 bytes of request line and 256 bytes of
 * headers): the answer's status, headers and body, and whether it names the request's
 * path.
 */
class RequestDecoderProblemsTests {

    @Test
    void aRequestLineTooLongIsAUriTooLongProblemWithoutInstanceForTheLineWasNeverRead() {
        Answer answer = send("GET /users?pad=" + "x".repeat(100) + " HTTP/1.1\r\nHost: s\r\n\r\n");

        assertThat(answer.head()).startsWith("HTTP/1.1 414 ")
            .contains("content-type: application/problem+json")
            .contains("x-content-type-options: nosniff")
            .contains("connection: close");
        assertThat(answer.problem().get("status").asInt()).isEqualTo(414);
        assertThat(answer.problem().get("title").asString()).isEqualTo("Request-URI Too Long");
        assertThat(answer.problem().has("instance")).isFalse();
    }

    @Test
    void headersTooLargeAreAHeaderFieldsTooLargeProblemNamingTheRawPath() {
        Answer answer = send(
                "GET /chats/participant/a%2Fb?x=1 HTTP/1.1\r\nHost: s\r\nX-Pad: " + "y".repeat(300) + "\r\n\r\n");

        assertThat(answer.head()).startsWith("HTTP/1.1 431 ").contains("x-content-type-options: nosniff");
        assertThat(answer.problem().get("type").asString()).isEqualTo("about:blank");
        assertThat(answer.problem().get("detail").asString()).startsWith("The request headers are larger");
        assertThat(answer.problem().get("instance").asString()).isEqualTo("/chats/participant/a%2Fb");
    }

    @Test
    void aHeaderThatIsNoHttpIsABadRequestProblemNamingThePath() {
        Answer answer = send("GET /users/1 HTTP/1.1\r\nHost: s\r\nBad Name: x\r\n\r\n");

        assertThat(answer.head()).startsWith("HTTP/1.1 400 ");
        assertThat(answer.problem().get("instance").asString()).isEqualTo("/users/1");
    }

    @Test
    void aRequestLineThatIsNoHttpIsABadRequestProblemWithoutInstance() {
        Answer answer = send("GET /users/1 HTTP/9.x\r\nHost: s\r\n\r\n");

        assertThat(answer.head()).startsWith("HTTP/1.1 400 ");
        assertThat(answer.problem().has("instance")).isFalse();
    }

    @Test
    void aPathThatIsNoUriReferenceIsNotEchoedAsInstance() {
        Answer answer = send("GET /users/\"1\" HTTP/1.1\r\nHost: s\r\nX-Pad: " + "y".repeat(300) + "\r\n\r\n");

        assertThat(answer.head()).startsWith("HTTP/1.1 431 ");
        assertThat(answer.problem().has("instance")).isFalse();
    }

    private static Answer send(String request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(64, 256, 8192),
                new RequestDecoderProblems.ProblemOnDecoderFailure());
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder written = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            written.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        assertThat(channel.isOpen()).as("the connection is closed after the problem").isFalse();
        int split = written.indexOf("\r\n\r\n");
        assertThat(split).as("a complete answer in %s", written).isPositive();
        return new Answer(written.substring(0, split).toLowerCase().replaceFirst("^http/1.1", "HTTP/1.1"),
                JsonMapper.shared().readTree(written.substring(split + 4)));
    }

    private record Answer(String head, JsonNode problem) {
    }

}
