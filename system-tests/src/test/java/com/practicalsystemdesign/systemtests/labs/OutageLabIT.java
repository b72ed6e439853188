package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage lab, its lesson asserted from every probe's answers and the writes found
 * again.
 */
@LabTools
class OutageLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("outage");
    }

    @Test
    void aRedisOutageFailsNoRequest() {
        assertThat(lab.number("redis.non_2xx")).isZero();
        assertThat(lab.number("redis.answers")).isGreaterThan(0);
    }

    @Test
    void aDatabaseOutageIsA503ThatEndsSoonAfterTheStoreIsBack() {
        assertThat(lab.text("postgres.GET_api_users_limit_5.failure_status")).isEqualTo("503");
        assertThat(lab.text("dynamodb-local.GET_api_chats_id.failure_status")).isEqualTo("503");
        assertThat(lab.number("postgres.GET_api_users_limit_5.back_after_store_up_s")).isLessThan(20);
        assertThat(lab.number("dynamodb-local.GET_api_chats_id.back_after_store_up_s")).isLessThan(20);
        assertThat(lab.text("postgres.user_service_readiness.failure_status")).isEqualTo("503");
    }

    @Test
    void noAnswerIsA500AndNothingAcknowledgedIsLost() {
        assertThat(lab.number("server_errors_500")).isZero();
        assertThat(lab.number("users_acknowledged")).isGreaterThan(0);
        assertThat(lab.number("users_found")).isEqualTo(lab.number("users_acknowledged"));
        assertThat(lab.number("chats_acknowledged")).isGreaterThan(0);
        assertThat(lab.number("chats_found")).isEqualTo(lab.number("chats_acknowledged"));
        assertThat(lab.wrote("outage.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
