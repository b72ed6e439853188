package com.practicalsystemdesign.chatservice.table;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class TableDefinitionsTests {

    private static final ChatTablesProperties NAMES = new ChatTablesProperties("MyChats", "MyParticipants", true,
            Duration.ofSeconds(5), null);

    @Test
    void buildsChatsTableUnderConfiguredNameWithIdAsPartitionKey() {
        CreateTableRequest chats = TableDefinitions.createTableRequests(NAMES).get(0);

        assertThat(chats.tableName()).isEqualTo("MyChats");
        assertThat(chats.keySchema()).containsExactly(key("id", KeyType.HASH));
        assertThat(chats.attributeDefinitions()).containsExactly(attribute("id"));
        assertThat(chats.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(chats.hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void buildsParticipantsTableUnderConfiguredNameWithParticipantIndex() {
        CreateTableRequest participants = TableDefinitions.createTableRequests(NAMES).get(1);

        assertThat(participants.tableName()).isEqualTo("MyParticipants");
        assertThat(participants.keySchema()).containsExactly(key("chatId", KeyType.HASH),
                key("participantId", KeyType.RANGE));
        assertThat(participants.attributeDefinitions()).containsExactlyInAnyOrder(attribute("chatId"),
                attribute("participantId"));
        assertThat(participants.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        List<GlobalSecondaryIndex> indexes = participants.globalSecondaryIndexes();
        assertThat(indexes).hasSize(1);
        assertThat(indexes.getFirst().indexName()).isEqualTo("participantId-index");
        assertThat(indexes.getFirst().keySchema()).containsExactly(key("participantId", KeyType.HASH),
                key("chatId", KeyType.RANGE));
        assertThat(indexes.getFirst().projection().projectionType()).isEqualTo(ProjectionType.ALL);
    }

    @Test
    void refusesDefinitionWithSettingTheServiceWouldIgnore() {
        assertThatException().isThrownBy(() -> TableDefinitions.read("dynamodb-test/unknown-key.json"))
            .withMessageContaining("ProvisionedThroughput");
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

}
