package com.practicalsystemdesign.common.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.practicalsystemdesign.common.store.StoreUrls;

/**
 * A PostgreSQL database reserved for this test run.
 */
public record PostgresStore(String host, int port, String database, String username, String password) {

    /** The database in the original design's {@code DATABASE_URL} form. */
    public String databaseUrl() {
        String credentials = URLEncoder.encode(username, StandardCharsets.UTF_8)
                + (password == null || password.isEmpty() ? ""
                        : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Sets {@code DATABASE_URL} and the Spring properties common derives from it. */
    public void register(DynamicPropertyRegistry registry) {
        registerOriginal(registry, StoreUrls.DATABASE_URL, databaseUrl());
    }

    static void registerOriginal(DynamicPropertyRegistry registry, String name, String value) {
        registry.add(name, () -> value);
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("original", Map.of(name, value)));
        StoreUrls.springProperties(new PropertySourcesPropertyResolver(sources))
            .forEach((key, derived) -> registry.add(key, () -> derived));
    }
}
