package com.practicalsystemdesign.chatservice.chat;

import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import com.practicalsystemdesign.common.model.Chat;

/**
 * A row of the {@code Chats} table, as the original design stores it: {@code id} (PK),
 * {@code name}, {@code metadata} (a DynamoDB map), {@code createdAt} (ISO-8601).
 * {@code deleting} exists only while the chat is being deleted (see
 * {@link ChatRepository}); such a chat is gone for every reader. Never leaves the
 * repository.
 */
final class ChatItem {

    static final String ID = "id";

    static final String DELETING = "deleting";

    static final TableSchema<ChatItem> SCHEMA = StaticTableSchema.builder(ChatItem.class)
        .newItemSupplier(ChatItem::new)
        .addAttribute(String.class,
                attribute -> attribute.name(ID)
                    .getter(ChatItem::getId)
                    .setter(ChatItem::setId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class,
                attribute -> attribute.name("name").getter(ChatItem::getName).setter(ChatItem::setName))
        .addAttribute(EnhancedType.mapOf(String.class, Object.class),
                attribute -> attribute.name("metadata")
                    .getter(ChatItem::getMetadata)
                    .setter(ChatItem::setMetadata)
                    .attributeConverter(MetadataAttributes.CONVERTER))
        .addAttribute(String.class,
                attribute -> attribute.name("createdAt").getter(ChatItem::getCreatedAt).setter(ChatItem::setCreatedAt))
        .addAttribute(Boolean.class,
                attribute -> attribute.name(DELETING).getter(ChatItem::getDeleting).setter(ChatItem::setDeleting))
        .build();

    private String id;

    private String name;

    private Map<String, Object> metadata;

    private String createdAt;

    private Boolean deleting;

    static ChatItem from(Chat chat) {
        ChatItem item = new ChatItem();
        item.setId(chat.id());
        item.setName(chat.name());
        item.setMetadata(chat.metadata());
        item.setCreatedAt(Timestamps.format(chat.createdAt()));
        return item;
    }

    Chat toChat() {
        return new Chat(id, name, metadata == null ? Map.of() : metadata, Timestamps.parse(createdAt));
    }

    boolean isDeleting() {
        return Boolean.TRUE.equals(deleting);
    }

    String getId() {
        return id;
    }

    void setId(String id) {
        this.id = id;
    }

    String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    Map<String, Object> getMetadata() {
        return metadata;
    }

    void setMetadata(Map<String, Object> metadata) {
        this.metadata = metadata;
    }

    String getCreatedAt() {
        return createdAt;
    }

    void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    Boolean getDeleting() {
        return deleting;
    }

    void setDeleting(Boolean deleting) {
        this.deleting = deleting;
    }

}
