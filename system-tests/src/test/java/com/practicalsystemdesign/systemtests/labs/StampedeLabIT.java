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
    void withSingleFlightAHundredConcurrentMissesLoadTheUserOnce() {
        assertThat(lab.number("on.n100.requests")).isEqualTo(100);
        assertThat(lab.number("on.n100.postgres_loads")).isEqualTo(1);
        assertThat(lab.number("on.n10.postgres_loads")).isEqualTo(1);
        assertThat(lab.number("on.n1.postgres_loads")).isEqualTo(1);
    }

    /**
     * Every miss of a burst reaches PostgreSQL while the lab's lock holds the first load,
     * so without single-flight each loads on its own; at least half of them leaves room
     * only for a miss that arrived after an early load had already filled the cache,
     * which the lock rules out on any machine that starts 100 requests within its hold.
     */
    @Test
    void withoutSingleFlightEveryMissLoadsTheUserItself() {
        assertThat(lab.number("off.n100.postgres_loads")).isGreaterThanOrEqualTo(50);
        assertThat(lab.number("off.n10.postgres_loads")).isGreaterThanOrEqualTo(5);
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
