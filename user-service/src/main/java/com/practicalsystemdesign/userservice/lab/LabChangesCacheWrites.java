package com.practicalsystemdesign.userservice.lab;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code cache.invalidation=delete-on-write} or a positive
 * {@code cache.lab-fill-delay} is set, read as {@link CacheLabProperties} binds them.
 */
class LabChangesCacheWrites extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        CacheLabProperties lab = Binder.get(context.getEnvironment()).bindOrCreate("cache", CacheLabProperties.class);
        return lab.changesWrites() ? ConditionOutcome.match("a cache lab switch is on")
                : ConditionOutcome.noMatch("no cache lab switch is on");
    }

}
