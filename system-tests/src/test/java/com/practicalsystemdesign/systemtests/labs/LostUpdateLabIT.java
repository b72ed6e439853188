package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lost-update lab: without If-Match every round loses an acknowledged update; with it
 * none is lost, because the second writer gets 412 and writes again.
 */
@LabTools
class LostUpdateLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("lost-update");
    }

    @Test
    void withoutIfMatchEveryRoundSilentlyLosesOneOfTwoAcknowledgedUpdates() {
        assertThat(lab.number("blind.rounds")).isPositive();
        assertThat(lab.number("blind.lost_updates")).isEqualTo(lab.number("blind.rounds"));
        assertThat(lab.number("blind.precondition_failed")).isZero();
    }

    @Test
    void withIfMatchTheSecondWriterGets412AndNothingIsLost() {
        assertThat(lab.number("if-match.precondition_failed")).isEqualTo(lab.number("if-match.rounds")).isPositive();
        assertThat(lab.number("if-match.lost_updates")).isZero();
        assertThat(lab.number("if-match.retried")).isEqualTo(lab.number("if-match.rounds"));
    }

    @Test
    void printsItsTableAndConclusionDrawsAChartAndCleansUp() {
        assertThat(lab.output()).contains("updates silently lost", "Conclusion: Without If-Match");
        assertThat(lab.wrote("lost-update.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
