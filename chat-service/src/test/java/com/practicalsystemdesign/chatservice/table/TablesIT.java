package com.practicalsystemdesign.chatservice.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import org.springframework.beans.factory.annotation.Autowired;

import com.practicalsystemdesign.chatservice.DynamoDbLocalTest;
import com.practicalsystemdesign.common.testing.RealStores;
import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One source for both table definitions: the tables the service creates have exactly the
 * declared keys, index and billing mode, {@code scripts/init-dynamodb.sh} reads the very
 * files the service reads, and both produce the same tables.
 */
class TablesIT extends DynamoDbLocalTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    private static final Path DEFINITIONS = MODULE.resolve("src/main/resources/dynamodb");

    private static final Path SCRIPT = MODULE.resolveSibling("scripts").resolve("init-dynamodb.sh");

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private ChatTablesProperties tables;

    @Test
    void createsChatsTableAsDeclared() {
        StepVerifier.create(describe(tables.chats())).assertNext(table -> {
            assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(Shape.of(table)).isEqualTo(Shape.declared(0, tables));
            assertThat(Shape.of(table).keys()).containsExactly("id HASH");
            assertThat(table.hasGlobalSecondaryIndexes()).isFalse();
        }).verifyComplete();
    }

    @Test
    void createsParticipantsTableWithParticipantIndexAsDeclared() {
        StepVerifier.create(describe(tables.participants())).assertNext(table -> {
            assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(Shape.of(table)).isEqualTo(Shape.declared(1, tables));
            assertThat(Shape.of(table).keys()).containsExactly("chatId HASH", "participantId RANGE");
            assertThat(Shape.of(table).indexes())
                .containsExactly("participantId-index [participantId HASH, chatId RANGE] ALL");
            assertThat(Shape.of(table).billingMode()).isEqualTo("PAY_PER_REQUEST");
        }).verifyComplete();
    }

    @Test
    void toleratesTwoInstancesCreatingTheSameTablesAtOnce() {
        ChatTablesProperties fresh = freshNames();
        TableBootstrap one = new TableBootstrap(dynamoDb, fresh);
        TableBootstrap other = new TableBootstrap(dynamoDb, fresh);

        StepVerifier.create(Mono.when(one.createMissingTables(), other.createMissingTables())).verifyComplete();
        StepVerifier.create(one.createMissingTables()).verifyComplete();

        StepVerifier.create(describe(fresh.participants()))
            .assertNext(table -> assertThat(Shape.of(table)).isEqualTo(Shape.declared(1, fresh)))
            .verifyComplete();
    }

    @Test
    void initScriptReadsExactlyTheDefinitionFilesTheServiceReads() throws IOException {
        String script = Files.readString(SCRIPT);
        Set<String> referenced = new HashSet<>();
        Matcher reference = Pattern.compile("\\$DEFINITIONS/([\\w.-]+\\.json)").matcher(script);
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        Set<String> files;
        try (Stream<Path> listing = Files.list(DEFINITIONS)) {
            files = new HashSet<>(listing.map(path -> path.getFileName().toString()).toList());
        }

        assertThat(script).contains("DEFINITIONS=$ROOT_DIR/chat-service/src/main/resources/dynamodb\n")
            .contains("--cli-input-json \"file://$definition\"");
        assertThat(referenced).isEqualTo(files)
            .containsExactlyInAnyOrder(fileName(TableDefinitions.CHATS), fileName(TableDefinitions.CHAT_PARTICIPANTS));
    }

    @Test
    @RequiresTool(Tool.AWS_CLI)
    void initScriptCreatesTheSameTablesAsTheServiceAndSkipsExistingOnes() throws Exception {
        ChatTablesProperties fresh = freshNames();

        Run first = runScript(fresh);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("creating table " + fresh.chats(),
                "creating table " + fresh.participants());

        StepVerifier.create(Mono.zip(describe(fresh.chats()), describe(tables.chats())))
            .assertNext(
                    pair -> assertThat(Shape.of(pair.getT1())).isEqualTo(Shape.of(pair.getT2()).named(fresh.chats())))
            .verifyComplete();
        StepVerifier.create(Mono.zip(describe(fresh.participants()), describe(tables.participants())))
            .assertNext(pair -> assertThat(Shape.of(pair.getT1()))
                .isEqualTo(Shape.of(pair.getT2()).named(fresh.participants())))
            .verifyComplete();

        Run again = runScript(fresh);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("table " + fresh.chats() + " exists",
                "table " + fresh.participants() + " exists");
    }

    private Mono<TableDescription> describe(String table) {
        return Mono.fromFuture(() -> dynamoDb.describeTable(describe -> describe.tableName(table)))
            .map(response -> response.table());
    }

    private static ChatTablesProperties freshNames() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new ChatTablesProperties("Chats-" + suffix, "ChatParticipants-" + suffix, true, Duration.ofSeconds(30),
                null);
    }

    private static String fileName(String location) {
        return Path.of(location).getFileName().toString();
    }

    private static Run runScript(ChatTablesProperties names) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("DYNAMODB_ENDPOINT", RealStores.dynamoDb().endpoint().toString());
        builder.environment().put("AWS_REGION", RealStores.dynamoDb().region());
        builder.environment().put("CHATS_TABLE", names.chats());
        builder.environment().put("CHAT_PARTICIPANTS_TABLE", names.participants());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("init-dynamodb.sh finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }

    /**
     * What defines a table here, comparable between the service, the script and the
     * files.
     */
    private record Shape(String name, List<String> keys, Set<String> attributes, List<String> indexes,
            String billingMode) {

        static Shape of(TableDescription table) {
            return new Shape(table.tableName(),
                    table.keySchema().stream().map(key -> key.attributeName() + " " + key.keyTypeAsString()).toList(),
                    new HashSet<>(table.attributeDefinitions()
                        .stream()
                        .map(attribute -> attribute.attributeName() + " " + attribute.attributeTypeAsString())
                        .toList()),
                    table.globalSecondaryIndexes().stream().map(Shape::index).toList(),
                    table.billingModeSummary() == null ? null : table.billingModeSummary().billingModeAsString());
        }

        /**
         * The shape {@code dynamodb/*.json} declares: entry 0 is Chats, entry 1
         * ChatParticipants.
         */
        static Shape declared(int entry, ChatTablesProperties names) {
            var request = TableDefinitions.createTableRequests(names).get(entry);
            return new Shape(request.tableName(),
                    request.keySchema().stream().map(key -> key.attributeName() + " " + key.keyTypeAsString()).toList(),
                    new HashSet<>(request.attributeDefinitions()
                        .stream()
                        .map(attribute -> attribute.attributeName() + " " + attribute.attributeTypeAsString())
                        .toList()),
                    request.globalSecondaryIndexes()
                        .stream()
                        .map(index -> index.indexName() + " "
                                + index.keySchema()
                                    .stream()
                                    .map(key -> key.attributeName() + " " + key.keyTypeAsString())
                                    .toList()
                                + " " + index.projection().projectionTypeAsString())
                        .toList(),
                    request.billingModeAsString());
        }

        Shape named(String table) {
            return new Shape(table, keys, attributes, indexes, billingMode);
        }

        private static String index(GlobalSecondaryIndexDescription index) {
            return index.indexName() + " "
                    + index.keySchema().stream().map(key -> key.attributeName() + " " + key.keyTypeAsString()).toList()
                    + " " + index.projection().projectionTypeAsString();
        }
    }

}
