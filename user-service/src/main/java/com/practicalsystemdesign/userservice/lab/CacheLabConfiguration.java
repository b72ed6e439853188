package com.practicalsystemdesign.userservice.lab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveRedisTemplate;

import com.practicalsystemdesign.userservice.lab.CacheLabProperties.Invalidation;
import com.practicalsystemdesign.userservice.user.cache.CacheWrites;
import com.practicalsystemdesign.userservice.user.cache.MissLoads;
import com.practicalsystemdesign.userservice.user.cache.UserCacheCodec;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;
import com.practicalsystemdesign.userservice.user.cache.VersionedPuts;

/**
 * The labs' anti-patterns, as beans that take the place of the pattern's own
 * ({@code @Primary}) only when a lab switch asks for them; each logs a warning at
 * start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheLabProperties.class)
class CacheLabConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CacheLabConfiguration.class);

    @Bean
    @Primary
    @Conditional(LabChangesCacheWrites.class)
    CacheWrites labCacheWrites(CacheLabProperties lab, VersionedPuts versionedPuts,
            ReactiveRedisTemplate<String, byte[]> userCacheRedisTemplate, UserCacheCodec codec,
            UserCacheProperties cache) {
        CacheWrites writes = versionedPuts;
        if (lab.invalidation() == Invalidation.DELETE_ON_WRITE) {
            log.warn("CACHE ANTI-PATTERN (lab only): cache.invalidation=delete-on-write; a reader that missed "
                    + "before a write can put the old row back after the write's delete, where it is served until "
                    + "its TTL runs out");
            writes = new DeleteOnWrite(userCacheRedisTemplate, codec, cache);
        }
        if (lab.labFillDelay().isPositive()) {
            log.warn("CACHE LAB SETTING: cache.lab-fill-delay={}; every cache fill waits that long after its load",
                    lab.labFillDelay());
            writes = new DelayedFills(writes, lab.labFillDelay());
        }
        return writes;
    }

    @Bean
    @Primary
    @ConditionalOnProperty(name = "cache.single-flight", havingValue = "false")
    MissLoads<Long, byte[]> unsharedLoads() {
        log.warn("CACHE ANTI-PATTERN (lab only): cache.single-flight=false; every concurrent miss of one user "
                + "loads it from PostgreSQL on its own");
        return new UnsharedLoads<>();
    }

}
