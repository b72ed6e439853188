package com.practicalsystemdesign.chatservice.table;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * application.yml takes the table settings from the original design's environment
 * variables.
 */
class ChatTablesPropertiesTests {

    @Test
    void usesOriginalTableNamesAndCreatesMissingTablesByDefault() throws IOException {
        ChatTablesProperties tables = bind(Map.of());

        assertThat(tables.chats()).isEqualTo("Chats");
        assertThat(tables.participants()).isEqualTo("ChatParticipants");
        assertThat(tables.createMissing()).isTrue();
        assertThat(tables.queryPageSize()).isNull();
    }

    @Test
    void takesTableNamesAndCreationFromEnvironmentVariables() throws IOException {
        ChatTablesProperties tables = bind(Map.of("CHATS_TABLE", "prod-chats", "CHAT_PARTICIPANTS_TABLE",
                "prod-chat-participants", "CHAT_TABLES_CREATE_MISSING", "false"));

        assertThat(tables.chats()).isEqualTo("prod-chats");
        assertThat(tables.participants()).isEqualTo("prod-chat-participants");
        assertThat(tables.createMissing()).isFalse();
    }

    private static ChatTablesProperties bind(Map<String, Object> environmentVariables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
            .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("chat.tables", ChatTablesProperties.class).get();
    }

}
