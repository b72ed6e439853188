package com.practicalsystemdesign.common.store;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.practicalsystemdesign.common.CommonDefaultsEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

class StoreUrlsTests {

    @Test
    void databaseUrlBecomesR2dbcAndFlywaySettings() {
        Map<String, Object> properties = StoreUrls
            .springProperties(environmentVariables(Map.of("DATABASE_URL", "postgresql://app:s3cret@db:5432/users")));

        assertThat(properties).containsEntry("spring.r2dbc.url", "r2dbc:postgresql://db:5432/users")
            .containsEntry("spring.r2dbc.username", "app")
            .containsEntry("spring.r2dbc.password", "s3cret")
            .containsEntry("spring.flyway.url", "jdbc:postgresql://db:5432/users")
            .containsEntry("spring.flyway.user", "app")
            .containsEntry("spring.flyway.password", "s3cret");
    }

    @Test
    void redisUrlIsPassedToSpringDataRedisAsIs() {
        Map<String, Object> properties = StoreUrls
            .springProperties(new MockEnvironment().withProperty("redis.url", "redis://cache:6379/2"));

        assertThat(properties).containsExactly(Map.entry("spring.data.redis.url", "redis://cache:6379/2"));
    }

    @Test
    void dynamoDbEndpointAndRegionConfigureSpringCloudAwsWithEmulatorCredentials() {
        Map<String, Object> properties = StoreUrls
            .springProperties(new MockEnvironment().withProperty("dynamodb.endpoint", "http://localstack:4566")
                .withProperty("aws.region", "eu-west-1"));

        assertThat(properties).containsEntry("spring.cloud.aws.dynamodb.endpoint", "http://localstack:4566")
            .containsEntry("spring.cloud.aws.region.static", "eu-west-1")
            .containsKey("spring.cloud.aws.credentials.access-key");
    }

    @Test
    void explicitCredentialsAreNeverReplacedByEmulatorOnes() {
        Map<String, Object> properties = StoreUrls
            .springProperties(new MockEnvironment().withProperty("dynamodb.endpoint", "http://localstack:4566")
                .withProperty("spring.cloud.aws.credentials.access-key", "AKIA"));

        assertThat(properties).doesNotContainKey("spring.cloud.aws.credentials.access-key");
    }

    @Test
    void withoutAnEndpointDynamoDbIsRealAwsWithTheDefaultCredentialChain() {
        Map<String, Object> properties = StoreUrls
            .springProperties(new MockEnvironment().withProperty("aws.region", "us-east-1"));

        assertThat(properties).containsOnlyKeys("spring.cloud.aws.region.static");
    }

    @Test
    void nothingSetMeansNothingConfigured() {
        assertThat(StoreUrls.springProperties(new MockEnvironment())).isEmpty();
    }

    @Test
    void postProcessorReadsEnvironmentVariableNamesAndLetsExplicitSettingsWin() {
        StandardEnvironment environment = environmentVariables(
                Map.of("DATABASE_URL", "postgresql://u:p@db:5432/users", "SPRING_R2DBC_USERNAME", "explicit"));

        new StoreUrlsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db:5432/users");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("explicit");
    }

    @Test
    void sharedDefaultsSitBelowTheStoreUrlsAndEverythingElse() {
        StandardEnvironment environment = environmentVariables(
                Map.of("REDIS_URL", "redis://cache:6379", "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health"));

        new StoreUrlsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        new CommonDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(environment.getPropertySources().stream().map(PropertySource::getName))
            .endsWith(StoreUrlsEnvironmentPostProcessor.SOURCE, "commonDefaults");
    }

    /**
     * Environment variables as the process would see them: upper case, relaxed-bound by
     * Spring.
     */
    private static StandardEnvironment environmentVariables(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("testEnvironmentVariables", variables));
        return environment;
    }

}
