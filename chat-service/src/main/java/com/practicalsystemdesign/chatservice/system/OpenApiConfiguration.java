package com.practicalsystemdesign.chatservice.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}).
 *
 * <p>
 * springdoc builds schemas with swagger-core, which reads Jackson 2 annotations, while
 * the models name their JSON fields with Jackson 3's {@code @JsonNaming}. A model
 * resolver with snake_case naming makes the documented fields ({@code created_at},
 * {@code participant_ids}) the ones the API really sends and accepts.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI chatServiceOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        return new OpenAPI().info(new Info().title("chat-service")
            .version(version)
            .description("Chats and their participants on DynamoDB (tables Chats and ChatParticipants, "
                    + "GSI participantId-index). Errors are application/problem+json (RFC 9457)."));
    }

}
