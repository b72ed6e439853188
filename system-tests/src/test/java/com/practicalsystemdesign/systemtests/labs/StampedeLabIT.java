package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stampede lab: concurrent misses of one id load it from PostgreSQL once with
 * single-flight and once per miss without, asserted from pg_stat_statements' counts.
 */
@LabTools
class StampedeLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("stampede");
    }

    @Test
    void everyMissOfABurstHappenedWhileTheLoadsWereHeld() {
        assertThat(lab.number("on.n100.misses_while_locked")).isEqualTo(100);
        assertThat(lab.number("off.n100.misses_while_locked")).isEqualTo(100);
        assertThat(lab.number("off.n10.misses_while_locked")).isEqualTo(10);
    }

    @Test
    void withSingleFlightAHundredConcurrentMissesLoadTheUserOnce() {
        assertThat(lab.number("on.n100.requests")).isEqualTo(100);
        assertThat(lab.number("on.n100.postgres_loads")).isEqualTo(1);
        assertThat(lab.number("on.n10.postgres_loads")).isEqualTo(1);
        assertThat(lab.number("on.n1.postgres_loads")).isEqualTo(1);
    }

    @Test
    void withoutSingleFlightEveryMissLoadsTheUserItself() {
        assertThat(lab.number("off.n100.postgres_loads")).isEqualTo(100);
        assertThat(lab.number("off.n10.postgres_loads")).isEqualTo(10);
        assertThat(lab.number("off.n1.postgres_loads")).isEqualTo(1);
    }

    @Test
    void everyMissWasAnswered() {
        assertThat(lab.number("on.n100.errors") + lab.number("off.n100.errors") + lab.number("on.n10.errors")
                + lab.number("off.n10.errors"))
            .isZero();
    }

    @Test
    void printsItsTableAndConclusionDrawsAChartAndCleansUp() {
        assertThat(lab.output()).contains("PostgreSQL loads, single-flight on",
                "Conclusion: For 100 concurrent misses");
        assertThat(lab.wrote("stampede.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
