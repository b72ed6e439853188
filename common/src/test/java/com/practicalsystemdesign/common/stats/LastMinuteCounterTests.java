package com.practicalsystemdesign.common.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LastMinuteCounterTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00.500Z"));

    private final LastMinuteCounter counter = new LastMinuteCounter(clock);

    @Test
    void countsWhatHappenedInTheLastSixtySeconds() {
        counter.increment();
        clock.advance(Duration.ofSeconds(30));
        counter.increment();
        counter.increment();

        assertThat(counter.sum()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(29));
        assertThat(counter.sum()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(counter.sum()).as("the first second has left the window").isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        assertThat(counter.sum()).isZero();
    }

    @Test
    void aBucketReusedAMinuteLaterStartsAgainFromOne() {
        counter.increment();
        counter.increment();
        clock.advance(Duration.ofSeconds(60));
        counter.increment();

        assertThat(counter.sum()).isEqualTo(1);
    }

    @Test
    void aCounterNeverIncrementedIsZero() {
        assertThat(counter.sum()).isZero();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

    }

}
