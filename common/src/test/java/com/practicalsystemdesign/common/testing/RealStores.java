package com.practicalsystemdesign.common.testing;

/**
 * Entry point of the harness: one store of each kind per test JVM, started on first use
 * and released when the JVM exits.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void stores(DynamicPropertyRegistry registry) {
 *     RealStores.postgres().register(registry);
 *     RealStores.redis().register(registry);
 * }
 * </pre>
 *
 * Without Docker, PostgreSQL and Redis are servers of this JVM's own
 * ({@link PrivateStore}, the local run's way), DynamoDB Local a process of its own.
 * {@code TEST_STORES=local} uses those even when Docker is there;
 * {@code TEST_DYNAMODB_ENDPOINT} names an already running DynamoDB.
 */
public final class RealStores {

    private RealStores() {
    }

    public static PostgresStore postgres() {
        return PostgresHolder.STORE;
    }

    public static RedisStore redis() {
        return RedisHolder.STORE;
    }

    public static DynamoDbStore dynamoDb() {
        return DynamoDbHolder.STORE;
    }

    static boolean useDocker() {
        if ("local".equalsIgnoreCase(System.getenv("TEST_STORES"))) {
            return false;
        }
        return DockerCheck.isDockerAvailable();
    }

    // Holders: each store starts on first use only, so a module that needs no Redis never
    // touches Redis (nor needs its classes).
    private static final class PostgresHolder {

        static final PostgresStore STORE = useDocker() ? Containers.postgres() : LocalPostgres.start();

    }

    private static final class RedisHolder {

        static final RedisStore STORE = useDocker() ? Containers.redis() : LocalRedis.start();

    }

    private static final class DynamoDbHolder {

        static final DynamoDbStore STORE = useDocker() ? Containers.dynamoDb() : LocalDynamoDb.start();

    }

}
