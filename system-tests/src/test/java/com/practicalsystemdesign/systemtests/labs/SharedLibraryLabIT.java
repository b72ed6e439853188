package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-library lab: a dependency and REDIS_URL give chat-service a Redis client, no
 * code.
 */
@LabTools
class SharedLibraryLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("shared-library");
    }

    @Test
    void chatServiceAsItShipsConnectsToNoRedisThoughRedisUrlIsSet() {
        assertThat(lab.number("before.lists_redis")).isZero();
        assertThat(lab.number("before.clients_on_db1")).isZero();
    }

    @Test
    void withTheStarterBesideItChatServiceHasAHealthyRedisClientOnDatabaseOne() {
        assertThat(lab.number("after.lists_redis")).isEqualTo(1);
        assertThat(lab.text("after.redis_status")).isEqualTo("UP");
        assertThat(lab.number("after.clients_on_db1")).isGreaterThan(0);
        assertThat(lab.number("after.answers_chats")).isEqualTo(200);
        assertThat(lab.wrote("shared-library.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
