package com.practicalsystemdesign.userservice.user.cache;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.context.ContextView;

import com.practicalsystemdesign.common.web.RequestMdc;

/**
 * The {@code CACHE HIT} / {@code CACHE MISS} lines the README teaches by. A lookup is
 * logged as long as there have been fewer than {@code limit} lines in the current second,
 * which a person with curl never reaches. Under load the rest of that second's lookups
 * are only counted, and the next line admitted says how many were left out. Thousands of
 * identical lines a second would take the throughput they describe (an asynchronous
 * appender only moves that work to another thread on the same cores) and tell nothing
 * that {@code cache_requests_total} does not.
 */
final class CacheLookupLog {

    /** UserCache's logger: the lines keep the logger name the README shows them under. */
    private static final Logger log = LoggerFactory.getLogger(UserCache.class);

    private final int limit;

    private final Clock clock;

    private final AtomicLong second = new AtomicLong();

    private final AtomicInteger linesThisSecond = new AtomicInteger();

    private final LongAdder unloggedHits = new LongAdder();

    private final LongAdder unloggedMisses = new LongAdder();

    CacheLookupLog(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * {@code request}: the Reactor context of the request, whose ids the line carries.
     */
    void hit(long id, ContextView request) {
        if (admitted()) {
            RequestMdc.log(request, () -> log.info("CACHE HIT for user {}", id));
        }
        else {
            unloggedHits.increment();
        }
    }

    void miss(long id, ContextView request) {
        if (admitted()) {
            RequestMdc.log(request, () -> log.info("CACHE MISS for user {}", id));
        }
        else {
            unloggedMisses.increment();
        }
    }

    private boolean admitted() {
        if (!log.isInfoEnabled()) {
            return false;
        }
        long now = clock.millis() / 1000;
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            linesThisSecond.set(0);
            reportUnlogged();
        }
        return linesThisSecond.incrementAndGet() <= limit;
    }

    private void reportUnlogged() {
        long hits = unloggedHits.sumThenReset();
        long misses = unloggedMisses.sumThenReset();
        if (hits + misses > 0) {
            log.info("CACHE lines over {}/s not logged: {} hits, {} misses (cache_requests_total counts every lookup)",
                    limit, hits, misses);
        }
    }

}
