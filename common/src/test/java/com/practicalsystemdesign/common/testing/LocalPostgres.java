package com.practicalsystemdesign.common.testing;

/**
 * A PostgreSQL server of this test JVM's own (see {@link PrivateStore}), with its
 * database "users".
 */
final class LocalPostgres {

    private LocalPostgres() {
    }

    static PostgresStore start() {
        return new PostgresStore("127.0.0.1", PrivateStore.startForThisJvm("postgres"), "users", "postgres", "");
    }

}
