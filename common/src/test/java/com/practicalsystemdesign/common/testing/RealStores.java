package com.practicalsystemdesign.common.testing;

/**
 * Entry point of the harness: one store of each kind per test JVM, started on first use and
 * released when the JVM exits.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void stores(DynamicPropertyRegistry registry) {
 *     RealStores.postgres().register(registry);
 *     RealStores.redis().register(registry);
 * }
 * </pre>
 *
 * Environment overrides for the local path: {@code TEST_POSTGRES_HOST}, {@code TEST_POSTGRES_PORT},
 * {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}, {@code TEST_REDIS_HOST},
 * {@code TEST_REDIS_PORT}, {@code TEST_DYNAMODB_ENDPOINT} (an already running DynamoDB), and
 * {@code TEST_STORES=local} to ignore Docker even when it is there.
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

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
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
