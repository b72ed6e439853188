package com.practicalsystemdesign.common.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.practicalsystemdesign.common.store.StoreUrls;

/** A Redis logical database reserved for this test run. */
public record RedisStore(String host, int port, int database) {

    /** The database in the original design's {@code REDIS_URL} form. */
    public String redisUrl() {
        return "redis://" + host + ":" + port + "/" + database;
    }

    /** The same database, reached through {@code proxy} (which forwards to this one). */
    public RedisStore through(TcpProxy proxy) {
        return new RedisStore(host, proxy.port(), database);
    }

    /** Sets {@code REDIS_URL} and the Spring property common derives from it. */
    public void register(DynamicPropertyRegistry registry) {
        PostgresStore.registerOriginal(registry, StoreUrls.REDIS_URL, redisUrl());
    }
}
