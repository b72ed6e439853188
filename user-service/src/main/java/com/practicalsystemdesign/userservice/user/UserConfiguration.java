package com.practicalsystemdesign.userservice.user;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/** The user feature's settings and its Redis template. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ UserCacheProperties.class, UserDatabaseProperties.class })
class UserConfiguration {

    /**
     * The one template of the users cache: string keys, {@link CachedUser} values as plain JSON
     * with their own serializer (no type information in the value, no default typing).
     */
    @Bean
    ReactiveRedisTemplate<String, CachedUser> userCacheRedisTemplate(ReactiveRedisConnectionFactory connectionFactory) {
        // Lenient reader: an absent "deleted" means false, and fields that a newer version of the
        // service may add are ignored during a rolling deploy.
        JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
        RedisSerializationContext<String, CachedUser> serialization = RedisSerializationContext
            .<String, CachedUser>newSerializationContext(RedisSerializer.string())
            .value(new JacksonJsonRedisSerializer<>(json, CachedUser.class))
            .build();
        return new ReactiveRedisTemplate<>(connectionFactory, serialization);
    }

    /**
     * While Redis is unreachable, Lettuce rejects commands at once instead of queueing them until
     * they time out, so a request falls back to PostgreSQL without waiting.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectRedisCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }
}
