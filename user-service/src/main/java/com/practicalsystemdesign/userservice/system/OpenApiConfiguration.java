package com.practicalsystemdesign.userservice.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html})
 * on the service port: this service's title and description; the error responses, licence
 * and contact every service shares come from common's {@code openapi} package.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI userServiceOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        return new OpenAPI().info(new Info().title("user-service")
            .description("Users on PostgreSQL with a Redis cache-aside. The human contract is docs/api.md; "
                    + "errors are RFC 9457 problem+json.")
            .version(version));
    }

}
