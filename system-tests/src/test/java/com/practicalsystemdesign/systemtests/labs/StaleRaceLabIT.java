package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stale-race lab: the same reader-before-writer race, won by the old row under the
 * textbook delete-on-write invalidation and never under versioned puts, asserted from the
 * reads the lab made after each write.
 */
@LabTools
class StaleRaceLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("stale-race");
    }

    @Test
    void everyRaceHadItsWriteInsideTheReadersHold() {
        assertThat(lab.number("delete-on-write.races_set_up")).isEqualTo(lab.number("delete-on-write.races"))
            .isPositive();
        assertThat(lab.number("versioned-put.races_set_up")).isEqualTo(lab.number("versioned-put.races")).isPositive();
    }

    @Test
    void withTheTextbookDeleteOnWriteTheOldRowIsPutBackAndServed() {
        assertThat(lab.number("delete-on-write.stale_entries")).isEqualTo(lab.number("delete-on-write.races"));
        assertThat(lab.number("delete-on-write.stale_reads")).isPositive();
        // Served until its TTL runs out, not for a moment.
        assertThat(lab.number("delete-on-write.stale_ttl_seconds")).isGreaterThan(60);
    }

    @Test
    void withVersionedPutsNoStaleEntryAppearsAndNoReadIsStale() {
        assertThat(lab.number("versioned-put.stale_entries")).isZero();
        assertThat(lab.number("versioned-put.stale_reads")).isZero();
        assertThat(lab.number("versioned-put.reads_after_write")).isPositive();
    }

    @Test
    void printsItsTableAndConclusionDrawsAChartAndCleansUp() {
        assertThat(lab.output()).contains("stale reads served", "Conclusion: In ");
        assertThat(lab.wrote("stale-race.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
