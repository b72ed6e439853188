package com.practicalsystemdesign.common.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import com.practicalsystemdesign.common.CommonTestApplication;
import com.practicalsystemdesign.common.testing.DynamoDbStore;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.RedisStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original design's "Adding Redis to Chat Service", made real
 * (docs/redis-in-chat-service.md): an application with chat-service's classpath (common
 * and DynamoDB, no PostgreSQL driver) plus the reactive Redis starter, whose environment
 * has chat-service's variables plus {@code REDIS_URL}, gets a working reactive Redis
 * client on the database the URL names, with no code of its own. The harness's Redis is
 * this run's own, so database 1 is free to use, as in the how-to.
 */
class RedisForChatServiceIT {

    private static final String[] NOT_ON_CHAT_SERVICES_CLASSPATH = { "io.r2dbc", "org.springframework.r2dbc",
            "org.springframework.jdbc", "com.zaxxer.hikari", "org.flywaydb", "org.postgresql" };

    @Test
    void redisUrlAloneGivesAReactiveClientOnTheDatabaseItNames() {
        RedisStore redis = RealStores.redis();
        int database = 1;
        String redisUrl = "redis://" + redis.host() + ":" + redis.port() + "/" + database;
        String key = "chat:redis-check:" + UUID.randomUUID();

        try (ConfigurableApplicationContext chatService = startWithEnvironment(Map.of("REDIS_URL", redisUrl))) {
            assertThat(chatService.getBean(LettuceConnectionFactory.class).getDatabase()).isEqualTo(database);

            ReactiveStringRedisTemplate template = chatService.getBean(ReactiveStringRedisTemplate.class);
            StepVerifier.create(template.opsForValue().set(key, "written by chat-service", Duration.ofMinutes(1)))
                .expectNext(true)
                .verifyComplete();

            assertThat(read(redis, database, key)).as("the key in database %d", database)
                .isEqualTo("written by chat-service");
            assertThat(read(redis, 0, key)).as("the key in database 0").isNull();

            StepVerifier.create(template.delete(key)).expectNext(1L).verifyComplete();
        }
    }

    /**
     * chat-service's own variables, and whatever the test adds, as process environment
     * variables.
     */
    private static ConfigurableApplicationContext startWithEnvironment(Map<String, Object> added) {
        DynamoDbStore dynamoDb = RealStores.dynamoDb();
        Map<String, Object> variables = new HashMap<>(added);
        variables.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        variables.put("AWS_REGION", dynamoDb.region());
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
        return new SpringApplicationBuilder(CommonTestApplication.class)
            .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(NOT_ON_CHAT_SERVICES_CLASSPATH)))
            .environment(environment)
            .web(WebApplicationType.NONE)
            .properties("spring.application.name=chat-service")
            .run();
    }

    /**
     * A connection of its own, not the application's, to one database of the same server.
     */
    private static String read(RedisStore redis, int database, String key) {
        RedisClient client = RedisClient
            .create(RedisURI.Builder.redis(redis.host(), redis.port()).withDatabase(database).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(key);
        }
        finally {
            client.shutdown();
        }
    }

}
