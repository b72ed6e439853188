package com.practicalsystemdesign.common.store;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Translates the original design's store settings into the properties Spring Boot and
 * Spring Cloud AWS read. Each setting is read through Spring's relaxed binding, so the
 * environment variable {@code DATABASE_URL} and the property {@code database.url} in
 * application.yml are the same setting.
 *
 * <table>
 * <tr>
 * <th>original</th>
 * <th>becomes</th>
 * </tr>
 * <tr>
 * <td>DATABASE_URL</td>
 * <td>spring.r2dbc.url/username/password, spring.flyway.url/user/password</td>
 * </tr>
 * <tr>
 * <td>REDIS_URL</td>
 * <td>spring.data.redis.url</td>
 * </tr>
 * <tr>
 * <td>DYNAMODB_ENDPOINT</td>
 * <td>spring.cloud.aws.dynamodb.endpoint (unset: real AWS)</td>
 * </tr>
 * <tr>
 * <td>AWS_REGION</td>
 * <td>spring.cloud.aws.region.static</td>
 * </tr>
 * </table>
 */
public final class StoreUrls {

    public static final String DATABASE_URL = "database.url";

    public static final String REDIS_URL = "redis.url";

    public static final String DYNAMODB_ENDPOINT = "dynamodb.endpoint";

    public static final String AWS_REGION = "aws.region";

    /**
     * Emulators accept any credentials; these are used only when an endpoint is set and
     * the environment provides none, so real AWS always goes through the default
     * credential chain.
     */
    static final String EMULATOR_CREDENTIAL = "local";

    private StoreUrls() {
    }

    /**
     * The Spring properties implied by the original settings that are present.
     * @param settings where to read the original settings
     * @return Spring property names and values, empty when nothing is set
     */
    public static Map<String, Object> springProperties(PropertyResolver settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String databaseUrl = settings.getProperty(DATABASE_URL);
        if (StringUtils.hasText(databaseUrl)) {
            putDatabase(properties, DatabaseUrl.parse(databaseUrl));
        }
        String redisUrl = settings.getProperty(REDIS_URL);
        if (StringUtils.hasText(redisUrl)) {
            properties.put("spring.data.redis.url", redisUrl.strip());
        }
        String region = settings.getProperty(AWS_REGION);
        if (StringUtils.hasText(region)) {
            properties.put("spring.cloud.aws.region.static", region.strip());
        }
        String dynamoDbEndpoint = settings.getProperty(DYNAMODB_ENDPOINT);
        if (StringUtils.hasText(dynamoDbEndpoint)) {
            properties.put("spring.cloud.aws.dynamodb.endpoint", dynamoDbEndpoint.strip());
            if (!hasCredentials(settings)) {
                properties.put("spring.cloud.aws.credentials.access-key", EMULATOR_CREDENTIAL);
                properties.put("spring.cloud.aws.credentials.secret-key", EMULATOR_CREDENTIAL);
            }
        }
        return properties;
    }

    private static void putDatabase(Map<String, Object> properties, DatabaseUrl url) {
        properties.put("spring.r2dbc.url", url.r2dbcUrl());
        properties.put("spring.flyway.url", url.jdbcUrl());
        if (url.username() != null) {
            properties.put("spring.r2dbc.username", url.username());
            properties.put("spring.flyway.user", url.username());
        }
        if (url.password() != null) {
            properties.put("spring.r2dbc.password", url.password());
            properties.put("spring.flyway.password", url.password());
        }
    }

    private static boolean hasCredentials(PropertyResolver settings) {
        return settings.containsProperty("spring.cloud.aws.credentials.access-key")
                || StringUtils.hasText(System.getenv("AWS_ACCESS_KEY_ID"))
                || StringUtils.hasText(System.getProperty("aws.accessKeyId"))
                || StringUtils.hasText(System.getenv("AWS_PROFILE"));
    }

}
