package com.practicalsystemdesign.common.testing;

/**
 * A Redis server of this test JVM's own (see {@link PrivateStore}); its database 0 is the
 * run's.
 */
final class LocalRedis {

    private LocalRedis() {
    }

    static RedisStore start() {
        return new RedisStore("127.0.0.1", PrivateStore.startForThisJvm("redis"), 0);
    }

}
