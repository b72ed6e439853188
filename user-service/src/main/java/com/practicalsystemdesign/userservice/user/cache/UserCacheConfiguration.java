package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

import com.practicalsystemdesign.userservice.user.Versioned;

/** The user cache's settings, its Redis template and its Lettuce client options. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserCacheProperties.class)
class UserCacheConfiguration {

    /** Redis's shared connection, opened off the event loops. */
    @Bean
    SharedRedisConnection sharedRedisConnection(ReactiveRedisConnectionFactory connectionFactory) {
        return new SharedRedisConnection(connectionFactory);
    }

    /**
     * The one template of the users cache: string keys, values as the bytes Redis holds,
     * which {@link UserCacheCodec} writes and reads. Its calls fail fast until
     * {@link SharedRedisConnection} has opened the connection.
     */
    @Bean
    ReactiveRedisTemplate<String, byte[]> userCacheRedisTemplate(SharedRedisConnection redis) {
        RedisSerializationContext<String, byte[]> serialization = RedisSerializationContext
            .<String, byte[]>newSerializationContext(RedisSerializer.string())
            .value(RedisSerializer.byteArray())
            .build();
        return new ReactiveRedisTemplate<>(redis.factory(), serialization);
    }

    /**
     * Cache entries as JSON with the API's settings (Boot's mapper), so a hit's bytes are
     * the answer.
     */
    @Bean
    UserCacheCodec userCacheCodec(JsonMapper jsonMapper) {
        return new UserCacheCodec(jsonMapper);
    }

    /** One PostgreSQL load at a time per user, whatever the number of its misses. */
    @Bean
    SingleFlight<Long, Versioned<byte[]>> userLoads() {
        return new SingleFlight<>();
    }

    /**
     * While Redis is unreachable, Lettuce rejects commands at once instead of queueing
     * them until they time out, so a request falls back to PostgreSQL without waiting.
     * Lettuce's own command timeout ({@code spring.data.redis.timeout}) is kept for the
     * commands that nothing else bounds, such as the health check's; see
     * {@link CacheBoundedCommandsExcluded}.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer redisCommandsFailFast(DataRedisProperties redis) {
        TimeoutOptions timeouts = TimeoutOptions.builder()
            .timeoutSource(new CacheBoundedCommandsExcluded(redis.getTimeout()))
            .build();
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS).timeoutOptions(timeouts);
    }

    /**
     * Lettuce's command timeout for every command but the cache's own, which
     * {@link UserCache} bounds with {@code cache.timeout} already. Lettuce's timer wheel
     * keeps finished commands, and the requests they hold, alive until its next tick,
     * which lengthens every young collection and with it a cache hit's p99
     * (docs/performance.md).
     */
    static final class CacheBoundedCommandsExcluded extends TimeoutOptions.TimeoutSource {

        private static final Set<ProtocolKeyword> CACHE_COMMANDS = Set.of(CommandType.GET, CommandType.EVALSHA,
                CommandType.EVAL);

        private final long timeoutMillis;

        CacheBoundedCommandsExcluded(Duration timeout) {
            // Lettuce's default when spring.data.redis.timeout is not set.
            this.timeoutMillis = (timeout != null) ? timeout.toMillis() : Duration.ofSeconds(60).toMillis();
        }

        @Override
        public long getTimeout(RedisCommand<?, ?, ?> command) {
            return CACHE_COMMANDS.contains(command.getType()) ? 0 : timeoutMillis;
        }

        @Override
        public TimeUnit getTimeUnit() {
            return TimeUnit.MILLISECONDS;
        }

    }

}
