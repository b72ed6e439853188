package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class UserCacheCodecTests {

    private final JsonMapper api = JsonMapper.shared();

    private final UserCacheCodec codec = new UserCacheCodec(api);

    private final CachedUser alice = new CachedUser(7, "Alice \"A\" Smith", "alice@example.com",
            Instant.parse("2026-12-01T10:15:30.123Z"), 12, false);

    @Test
    void anEntryIsTheUsersApiJsonFollowedByItsVersion() {
        String apiJson = json(api.writeValueAsBytes(alice.toUser()));

        assertThat(json(codec.write(alice))).isEqualTo(apiJson.substring(0, apiJson.length() - 1) + ",\"version\":12}");
        assertThat(json(codec.userJson(codec.write(alice)))).isEqualTo(apiJson);
    }

    @Test
    void aTombstoneIsNoUser() {
        assertThat(codec.userJson(codec.write(CachedUser.tombstone(7, 12)))).isNull();
        assertThat(codec.userJson(bytes("{\"id\":7,\"version\":13,\"deleted\":true}"))).isNull();
    }

    @Test
    void anEntryInAnotherLayoutIsParsedAndWrittenAsTheApiWritesIt() {
        String apiJson = json(api.writeValueAsBytes(alice.toUser()));

        assertThat(json(codec.userJson(bytes("{\"version\":12,\"email\":\"alice@example.com\",\"id\":7,"
                + "\"created_at\":\"2026-12-01T10:15:30.123Z\",\"name\":\"Alice \\\"A\\\" Smith\",\"added_later\":1}"))))
            .isEqualTo(apiJson);
        assertThat(json(
                codec.userJson(bytes("{\"id\":7,\"name\":\"Alice \\\"A\\\" Smith\",\"email\":\"alice@example.com\","
                        + "\"created_at\":\"2026-12-01T10:15:30.123Z\",\"version\":12,\"deleted\":false}"))))
            .isEqualTo(apiJson);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
