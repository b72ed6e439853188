package com.practicalsystemdesign.chatservice.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * The one source of both table definitions: {@code src/main/resources/dynamodb/*.json},
 * each in the exact shape of {@code aws dynamodb create-table --cli-input-json}. The
 * service turns them into {@link CreateTableRequest}s here;
 * {@code scripts/init-dynamodb.sh} hands the very same files to the AWS CLI. Only the
 * table name changes, from {@code CHATS_TABLE} and {@code CHAT_PARTICIPANTS_TABLE}.
 * Unknown keys fail, so the two readers cannot drift apart on a setting only one of them
 * understands.
 */
final class TableDefinitions {

    /**
     * Classpath locations; the script names the same files under
     * chat-service/src/main/resources.
     */
    static final String CHATS = "dynamodb/chats-table.json";

    static final String CHAT_PARTICIPANTS = "dynamodb/chat-participants-table.json";

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private TableDefinitions() {
    }

    /** The requests that create both tables under their configured names. */
    static List<CreateTableRequest> createTableRequests(ChatTablesProperties tables) {
        return List.of(read(CHATS).toRequest(tables.chats()), read(CHAT_PARTICIPANTS).toRequest(tables.participants()));
    }

    static Table read(String location) {
        try (InputStream json = new ClassPathResource(location).getInputStream()) {
            return JSON.readValue(json, Table.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the table definition " + location, ex);
        }
    }

    /**
     * One {@code create-table --cli-input-json} document, limited to the keys this
     * service uses.
     */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record Table(String tableName, List<Attribute> attributeDefinitions, List<Key> keySchema,
            List<Index> globalSecondaryIndexes, String billingMode) {

        Table {
            Objects.requireNonNull(tableName, "TableName is missing");
            Objects.requireNonNull(attributeDefinitions, "AttributeDefinitions is missing");
            Objects.requireNonNull(keySchema, "KeySchema is missing");
            Objects.requireNonNull(billingMode, "BillingMode is missing");
            globalSecondaryIndexes = globalSecondaryIndexes == null ? List.of() : globalSecondaryIndexes;
        }

        CreateTableRequest toRequest(String name) {
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributeDefinitions.stream().map(Attribute::toSdk).toList())
                .keySchema(keySchema.stream().map(Key::toSdk).toList())
                .billingMode(billingMode);
            if (!globalSecondaryIndexes.isEmpty()) {
                // An empty list would be sent as [] and rejected, so the field is set
                // only when used.
                request.globalSecondaryIndexes(globalSecondaryIndexes.stream().map(Index::toSdk).toList());
            }
            return request.build();
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record Attribute(String attributeName, String attributeType) {

        AttributeDefinition toSdk() {
            return AttributeDefinition.builder().attributeName(attributeName).attributeType(attributeType).build();
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record Key(String attributeName, String keyType) {

        KeySchemaElement toSdk() {
            return KeySchemaElement.builder().attributeName(attributeName).keyType(keyType).build();
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record Index(String indexName, List<Key> keySchema, IndexProjection projection) {

        GlobalSecondaryIndex toSdk() {
            return GlobalSecondaryIndex.builder()
                .indexName(indexName)
                .keySchema(keySchema.stream().map(Key::toSdk).toList())
                .projection(projection.toSdk())
                .build();
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record IndexProjection(String projectionType, List<String> nonKeyAttributes) {

        Projection toSdk() {
            Projection.Builder projection = Projection.builder().projectionType(projectionType);
            if (nonKeyAttributes != null) {
                projection.nonKeyAttributes(nonKeyAttributes);
            }
            return projection.build();
        }
    }

}
