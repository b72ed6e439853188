import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The gsi lab's measurements on a DynamoDB Local: chat-service's two tables, created from the
 * service's own definition files, grown to each size in turn; at each size "the chats of one
 * participant" answered twice, as chat-service does it (a Query of participantId-index, then one
 * BatchGetItem of the chats) and as a table without the index would have to (a Scan of the whole
 * participants table with a FilterExpression, then the same BatchGetItem). Items read and
 * capacity are DynamoDB's own answers (ScannedCount, ConsumedCapacity); latency is the median of
 * a few repetitions. Prints one tab-separated line per size.
 *
 * Arguments: endpoint, the directory of the table definitions, then the sizes (participant rows).
 */
public class GsiLab {

    static final String PARTICIPANT = "lab-participant";

    static final int CHATS_OF_PARTICIPANT = 10;

    static final int PARTICIPANTS_PER_FILLER_CHAT = 5;

    static final int REPETITIONS = 5;

    public static void main(String[] args) throws Exception {
        DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lab", "lab")))
            .build();
        String chats = createTable(dynamo, Path.of(args[1], "chats-table.json"));
        String participants = createTable(dynamo, Path.of(args[1], "chat-participants-table.json"));
        seedChatsOfParticipant(dynamo, chats, participants);
        int seeded = CHATS_OF_PARTICIPANT;
        System.out.println("rows\tgsi_items\tgsi_capacity\tgsi_ms\tscan_items\tscan_capacity\tscan_ms\tgsi_chats\tscan_chats\tseed_s");
        for (String size : Arrays.copyOfRange(args, 2, args.length)) {
            int rows = Integer.parseInt(size);
            long seedStart = System.nanoTime();
            seedFiller(dynamo, participants, seeded, rows);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            seeded = Math.max(seeded, rows);
            Answer gsi = median(() -> viaIndex(dynamo, chats, participants));
            Answer scan = median(() -> viaScan(dynamo, chats, participants));
            System.out.printf("%d\t%d\t%.1f\t%.2f\t%d\t%.1f\t%.2f\t%d\t%d\t%.1f%n", rows, gsi.itemsRead, gsi.capacity,
                    gsi.millis, scan.itemsRead, scan.capacity, scan.millis, gsi.chats, scan.chats, seedSeconds);
        }
    }

    record Answer(int chats, long itemsRead, double capacity, double millis) {
    }

    interface Measurement {

        Answer run();

    }

    static Answer median(Measurement measurement) {
        measurement.run();   // warms the JIT and DynamoDB Local's own caches alike for both ways
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            answers.add(measurement.run());
        }
        answers.sort((a, b) -> Double.compare(a.millis, b.millis));
        return answers.get(REPETITIONS / 2);
    }

    /** chat-service's way: the GSI gives the chat ids, one BatchGetItem the chats. */
    static Answer viaIndex(DynamoDbClient dynamo, String chats, String participants) {
        long start = System.nanoTime();
        long scanned = 0;
        double capacity = 0;
        List<String> chatIds = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamo.query(q -> q.tableName(participants)
                .indexName("participantId-index")
                .keyConditionExpression("participantId = :p")
                .expressionAttributeValues(Map.of(":p", string(PARTICIPANT)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .exclusiveStartKey(from));
            scanned += page.scannedCount();
            capacity += units(page.consumedCapacity());
            page.items().forEach(item -> chatIds.add(item.get("chatId").s()));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return withChats(dynamo, chats, chatIds, scanned, capacity, start);
    }

    /** Without the index: every participant row is read, the filter keeps the participant's. */
    static Answer viaScan(DynamoDbClient dynamo, String chats, String participants) {
        long start = System.nanoTime();
        long scanned = 0;
        double capacity = 0;
        List<String> chatIds = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamo.scan(s -> s.tableName(participants)
                .filterExpression("participantId = :p")
                .expressionAttributeValues(Map.of(":p", string(PARTICIPANT)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .exclusiveStartKey(from));
            scanned += page.scannedCount();
            capacity += units(page.consumedCapacity());
            page.items().forEach(item -> chatIds.add(item.get("chatId").s()));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return withChats(dynamo, chats, chatIds, scanned, capacity, start);
    }

    static Answer withChats(DynamoDbClient dynamo, String chats, List<String> chatIds, long scanned, double capacity,
            long start) {
        List<Map<String, AttributeValue>> keys = chatIds.stream().map(id -> Map.of("id", string(id))).toList();
        BatchGetItemResponse batch = dynamo.batchGetItem(b -> b
            .requestItems(Map.of(chats, KeysAndAttributes.builder().keys(keys).build()))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        int found = batch.responses().getOrDefault(chats, List.of()).size();
        double batchCapacity = batch.consumedCapacity().stream().mapToDouble(GsiLab::units).sum();
        return new Answer(found, scanned + found, capacity + batchCapacity, (System.nanoTime() - start) / 1e6);
    }

    static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    static void seedChatsOfParticipant(DynamoDbClient dynamo, String chats, String participants) {
        List<WriteRequest> chatItems = new ArrayList<>();
        List<WriteRequest> rows = new ArrayList<>();
        for (int i = 0; i < CHATS_OF_PARTICIPANT; i++) {
            String chatId = "lab-chat-" + i;
            chatItems.add(put(Map.of("id", string(chatId), "name", string("Lab chat " + i),
                    "createdAt", string("2026-01-01T00:00:00Z"))));
            rows.add(put(participantRow(chatId, PARTICIPANT)));
        }
        writeAll(dynamo, chats, chatItems);
        writeAll(dynamo, participants, rows);
    }

    /** Participant rows from..to-1 of other people, in chats of five, with 8 writers at once. */
    static void seedFiller(DynamoDbClient dynamo, String participants, int from, int to) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int first = from; first < to; first += 25) {
                int start = first;
                int end = Math.min(to, first + 25);
                batches.add(writers.submit(() -> {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (int n = start; n < end; n++) {
                        batch.add(put(participantRow("filler-chat-" + n / PARTICIPANTS_PER_FILLER_CHAT, "user-" + n)));
                    }
                    writeAll(dynamo, participants, batch);
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        }
        finally {
            writers.shutdown();
        }
    }

    static Map<String, AttributeValue> participantRow(String chatId, String participantId) {
        return Map.of("chatId", string(chatId), "participantId", string(participantId),
                "joinedAt", string("2026-01-01T00:00:00Z"));
    }

    /** BatchWriteItem in batches of 25, sending unprocessed items again until none are left. */
    static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> requests) {
        for (int i = 0; i < requests.size(); i += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, requests.subList(i, Math.min(requests.size(), i + 25)));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(batch));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    /** A table from chat-service's definition file (the create-table --cli-input-json form). */
    static String createTable(DynamoDbClient dynamo, Path definition) throws IOException {
        JsonNode json = new ObjectMapper().readTree(Files.readString(definition));
        String name = json.get("TableName").asText();
        List<AttributeDefinition> attributes = new ArrayList<>();
        json.get("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
            .attributeName(a.get("AttributeName").asText())
            .attributeType(a.get("AttributeType").asText())
            .build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        if (json.has("GlobalSecondaryIndexes")) {
            json.get("GlobalSecondaryIndexes").forEach(index -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(index.get("IndexName").asText())
                .keySchema(keySchema(index.get("KeySchema")))
                .projection(Projection.builder().projectionType(index.at("/Projection/ProjectionType").asText()).build())
                .build()));
        }
        dynamo.createTable(t -> {
            t.tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(json.get("KeySchema")))
                .billingMode(BillingMode.fromValue(json.get("BillingMode").asText()));
            if (!indexes.isEmpty()) {
                t.globalSecondaryIndexes(indexes);
            }
        });
        return name;
    }

    static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = new ArrayList<>();
        keys.forEach(k -> schema.add(KeySchemaElement.builder()
            .attributeName(k.get("AttributeName").asText())
            .keyType(k.get("KeyType").asText())
            .build()));
        return schema;
    }

}
