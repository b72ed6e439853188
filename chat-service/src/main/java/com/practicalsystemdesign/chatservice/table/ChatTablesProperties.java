package com.practicalsystemdesign.chatservice.table;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service's DynamoDB tables. application.yml fills the names from the original
 * design's settings ({@code CHATS_TABLE}, {@code CHAT_PARTICIPANTS_TABLE}).
 *
 * @param chats the chats table (PK {@code id})
 * @param participants the participants table (PK {@code chatId}, SK
 * {@code participantId}, GSI {@code participantId-index})
 * @param createMissing whether to create missing tables at start: on for the local run,
 * compose and kind, where nothing else would; off for real AWS, where the tables belong
 * to infrastructure code ({@code CHAT_TABLES_CREATE_MISSING=false})
 * @param createTimeout how long start-up may wait for DynamoDB to answer and the tables
 * to be active before the service gives up
 * @param queryPageSize items per Query page; unset means DynamoDB's own 1 MB pages. Only
 * worth setting to make pagination visible (the tests set it small)
 */
@Validated
@ConfigurationProperties("chat.tables")
public record ChatTablesProperties(@NotBlank @DefaultValue("Chats") String chats,
        @NotBlank @DefaultValue("ChatParticipants") String participants, @DefaultValue("true") boolean createMissing,
        @DefaultValue("60s") Duration createTimeout, @Positive Integer queryPageSize) {
}
