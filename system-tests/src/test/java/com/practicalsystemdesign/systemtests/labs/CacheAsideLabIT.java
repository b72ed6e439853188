package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cache-aside lab, its lesson asserted from the numbers PostgreSQL and Redis gave it.
 */
@LabTools
class CacheAsideLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("cache-aside");
    }

    @Test
    void everyColdReadQueriesPostgresOnceAndNoWarmReadDoes() {
        assertThat(lab.number("cold.postgres_queries_per_read")).isCloseTo(1.0, within(0.001));
        assertThat(lab.number("warm.postgres_queries")).isZero();
        assertThat(lab.number("warm.redis_hits")).isEqualTo(lab.number("warm.reads"));
        assertThat(lab.number("cold.errors") + lab.number("warm.errors")).isZero();
    }

    @Test
    void aWarmReadIsFasterThanAColdOne() {
        assertThat(lab.number("warm.p50_ms")).isLessThan(lab.number("cold.p50_ms"));
    }

    @Test
    void anEntryLeavesRedisWhenItsTtlRunsOutAndTheNextReadRefillsIt() {
        double ttl = lab.number("ttl.seconds_set");

        assertThat(lab.number("ttl.gone_after_seconds")).isBetween(ttl - 1, ttl + 2);
        assertThat(lab.number("ttl.refill_queries")).isEqualTo(1);
        assertThat(lab.number("ttl.back_in_redis")).isEqualTo(1);
    }

    @Test
    void printsItsTableAndConclusionDrawsAChartAndCleansUp() {
        assertThat(lab.output()).contains("PostgreSQL queries", "Conclusion: The warm cache answered at p50");
        assertThat(lab.wrote("cache-aside.svg")).isTrue();
        assertThat(lab.cleanedUp()).isTrue();
    }

}
