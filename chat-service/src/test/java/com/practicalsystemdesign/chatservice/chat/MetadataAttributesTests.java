package com.practicalsystemdesign.chatservice.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataAttributesTests {

    @Test
    void writesEveryJsonTypeAsItsDynamoDbType() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("text", "x");
        metadata.put("number", 42);
        metadata.put("decimal", 1.5);
        metadata.put("yes", true);
        metadata.put("nothing", null);
        metadata.put("list", List.of("a", 1));
        metadata.put("object", Map.of("k", "v"));

        Map<String, AttributeValue> map = MetadataAttributes.CONVERTER.transformFrom(metadata).m();

        assertThat(map.get("text")).isEqualTo(AttributeValue.fromS("x"));
        assertThat(map.get("number")).isEqualTo(AttributeValue.fromN("42"));
        assertThat(map.get("decimal")).isEqualTo(AttributeValue.fromN("1.5"));
        assertThat(map.get("yes")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(map.get("nothing")).isEqualTo(AttributeValue.fromNul(true));
        assertThat(map.get("list"))
            .isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))));
        assertThat(map.get("object")).isEqualTo(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
    }

    @Test
    void readsBackWhatItWrote() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("text", "x");
        metadata.put("number", 42L);
        metadata.put("big", new BigInteger("123456789012345678901234567890"));
        metadata.put("decimal", new BigDecimal("1.50"));
        metadata.put("nothing", null);
        metadata.put("list", Arrays.asList("a", null, Map.of("deep", List.of())));

        Map<String, Object> read = MetadataAttributes.CONVERTER
            .transformTo(MetadataAttributes.CONVERTER.transformFrom(metadata));

        assertThat(read).isEqualTo(metadata);
    }

    @Test
    void findsNothingWrongWithOrdinaryMetadata() {
        assertThat(MetadataAttributes.problem(Map.of("type", "project", "n", 1e125, "tiny", 1e-130, "zero", 0.0)))
            .isEmpty();
    }

    @Test
    void refusesWhatDynamoDbCannotStore() {
        assertThat(MetadataAttributes.problem(Map.of("", 1))).contains("must not have empty keys");
        assertThat(MetadataAttributes.problem(Map.of("nested", Map.of("", 1)))).contains("must not have empty keys");
        assertThat(MetadataAttributes.problem(Map.of("n", 1e126))).isPresent();
        assertThat(MetadataAttributes.problem(Map.of("n", 1e-131))).isPresent();
        assertThat(MetadataAttributes.problem(Map.of("n", Double.POSITIVE_INFINITY)))
            .contains("must contain only finite numbers");
        assertThat(MetadataAttributes.problem(Map.of("n", new BigInteger("1".repeat(39))))).isPresent();
        assertThat(MetadataAttributes.problem(Map.of("n", new BigInteger("1".repeat(38))))).isEmpty();
    }

    @Test
    void allowsNestingUpToDynamoDbsLimit() {
        assertThat(MetadataAttributes.problem(nested(MetadataAttributes.MAX_DEPTH))).isEmpty();
        assertThat(MetadataAttributes.problem(nested(MetadataAttributes.MAX_DEPTH + 1)))
            .contains("must not nest objects and arrays more than 31 levels deep");
    }

    /** A map holding {@code depth} containers in all, alternating maps and lists. */
    private static Map<String, Object> nested(int depth) {
        Object value = "leaf";
        for (int level = depth; level > 1; level--) {
            value = level % 2 == 0 ? List.of(value) : Map.of("k", value);
        }
        return Map.of("k", value);
    }

}
