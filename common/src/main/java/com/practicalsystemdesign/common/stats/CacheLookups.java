package com.practicalsystemdesign.common.stats;

import com.practicalsystemdesign.common.model.ServiceStats.CacheStats;

/** A service's cache, as {@code GET /stats} reports it. */
public interface CacheLookups {

    /** Hits, misses and bypasses over the last minute. */
    CacheStats lastMinute();

}
