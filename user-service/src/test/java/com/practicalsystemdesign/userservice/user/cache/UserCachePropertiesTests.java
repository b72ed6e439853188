package com.practicalsystemdesign.userservice.user.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults docs/cache-consistency.md's settings table states are the ones the service
 * runs with (application.yml and UserCacheProperties together).
 */
class UserCachePropertiesTests {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `cache\\.([a-z-]+)` \\| ([0-9a-z]+) \\|");

    @Test
    void theDocumentedDefaultsAreTheEffectiveOnes() throws IOException {
        UserCacheProperties effective = bindAsTheServiceDoes();
        Map<String, Duration> documented = documentedDefaults();

        assertThat(documented).containsOnlyKeys("repair-interval", "repair-grace", "repair-lease", "timeout");
        assertThat(effective.repairInterval()).isEqualTo(documented.get("repair-interval"));
        assertThat(effective.repairGrace()).isEqualTo(documented.get("repair-grace"));
        assertThat(effective.repairLease()).isEqualTo(documented.get("repair-lease"));
        assertThat(effective.timeout()).isEqualTo(documented.get("timeout"));
    }

    private static UserCacheProperties bindAsTheServiceDoes() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
            .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bindOrCreate("cache", UserCacheProperties.class);
    }

    private static Map<String, Duration> documentedDefaults() throws IOException {
        String settings = Files.readString(Path.of("..", "docs", "cache-consistency.md"));
        Map<String, Duration> defaults = new LinkedHashMap<>();
        Matcher row = ROW.matcher(settings);
        while (row.find()) {
            defaults.put(row.group(1), DurationStyle.detectAndParse(row.group(2)));
        }
        return defaults;
    }

}
