package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway lab, its lesson asserted from what its clients and the gateway's access log
 * counted.
 */
// Root: its gateway resolves user-service to two addresses in a mount namespace of its
// own.
@RequiresTool({ Tool.NGINX, Tool.ROOT })
class GatewayLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("gateway");
    }

    @Test
    void noGetFailsWhenOneOfTwoInstancesIsKilled() {
        assertThat(lab.number("get.requests")).isGreaterThan(500);
        assertThat(lab.number("get.errors")).isZero();
        assertThat(lab.number("get.answered_by_b_while_dead")).isZero();
    }

    @Test
    void everyPostThatFailedWasOneInFlightAtTheDeadInstance() {
        assertThat(lab.number("post.created")).isGreaterThan(0);
        assertThat(lab.number("post.failed")).isEqualTo(lab.number("post.failed_in_flight_at_b"));
    }

    @Test
    void theInstanceTakesItsShareAgainAfterItReturns() {
        assertThat(lab.number("balanced_after_ready_s")).isBetween(0.0, 10.0);
        assertThat(lab.wrote("gateway.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
