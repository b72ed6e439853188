package com.practicalsystemdesign.chatservice.chat;

import java.time.Instant;

import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import com.practicalsystemdesign.common.model.ChatParticipant;

/**
 * A row of the {@code ChatParticipants} table: {@code chatId} (PK), {@code participantId}
 * (SK), {@code joinedAt}. The GSI {@code participantId-index} swaps the keys, so the
 * chats of one participant are one query. Never leaves the repository.
 */
final class ParticipantItem {

    static final String PARTICIPANT_INDEX = "participantId-index";

    static final String CHAT_ID = "chatId";

    static final String PARTICIPANT_ID = "participantId";

    static final TableSchema<ParticipantItem> SCHEMA = StaticTableSchema.builder(ParticipantItem.class)
        .newItemSupplier(ParticipantItem::new)
        .addAttribute(String.class, attribute -> attribute.name(CHAT_ID)
            .getter(ParticipantItem::getChatId)
            .setter(ParticipantItem::setChatId)
            .tags(StaticAttributeTags.primaryPartitionKey(), StaticAttributeTags.secondarySortKey(PARTICIPANT_INDEX)))
        .addAttribute(String.class, attribute -> attribute.name(PARTICIPANT_ID)
            .getter(ParticipantItem::getParticipantId)
            .setter(ParticipantItem::setParticipantId)
            .tags(StaticAttributeTags.primarySortKey(), StaticAttributeTags.secondaryPartitionKey(PARTICIPANT_INDEX)))
        .addAttribute(String.class,
                attribute -> attribute.name("joinedAt")
                    .getter(ParticipantItem::getJoinedAt)
                    .setter(ParticipantItem::setJoinedAt))
        .build();

    private String chatId;

    private String participantId;

    private String joinedAt;

    static ParticipantItem of(String chatId, String participantId, Instant joinedAt) {
        ParticipantItem item = new ParticipantItem();
        item.setChatId(chatId);
        item.setParticipantId(participantId);
        item.setJoinedAt(Timestamps.format(joinedAt));
        return item;
    }

    static Key key(String chatId, String participantId) {
        return Key.builder().partitionValue(chatId).sortValue(participantId).build();
    }

    ChatParticipant toParticipant() {
        return new ChatParticipant(chatId, participantId, Timestamps.parse(joinedAt));
    }

    Key key() {
        return key(chatId, participantId);
    }

    String getChatId() {
        return chatId;
    }

    void setChatId(String chatId) {
        this.chatId = chatId;
    }

    String getParticipantId() {
        return participantId;
    }

    void setParticipantId(String participantId) {
        this.participantId = participantId;
    }

    String getJoinedAt() {
        return joinedAt;
    }

    void setJoinedAt(String joinedAt) {
        this.joinedAt = joinedAt;
    }

}
