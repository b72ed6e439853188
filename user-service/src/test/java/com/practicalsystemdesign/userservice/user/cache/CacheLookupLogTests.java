package com.practicalsystemdesign.userservice.user.cache;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CacheLookupLogTests {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00.100Z"));

    private final CacheLookupLog lookups = new CacheLookupLog(3, clock);

    @Test
    void logsEveryLookupOfAQuietService(CapturedOutput output) {
        lookups.miss(1, Context.empty());
        lookups.hit(1, Context.empty());

        assertThat(output.getOut()).contains("CACHE MISS for user 1").contains("CACHE HIT for user 1");
    }

    @Test
    void countsTheLookupsOverTheLimitAndReportsThemWithTheNextSecondsFirstLine(CapturedOutput output) {
        for (long id = 1; id <= 5; id++) {
            lookups.hit(id, Context.empty());
        }
        lookups.miss(6, Context.empty());
        assertThat(output.getOut()).contains("CACHE HIT for user 3")
            .doesNotContain("CACHE HIT for user 4")
            .doesNotContain("CACHE MISS for user 6");

        clock.advanceSeconds(1);
        lookups.hit(7, Context.empty());

        assertThat(output.getOut()).contains("CACHE lines over 3/s not logged: 2 hits, 1 misses")
            .contains("CACHE HIT for user 7");
    }

    /** A clock that moves only when told to. */
    private static final class SteppingClock extends Clock {

        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    }

}
