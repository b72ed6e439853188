package com.practicalsystemdesign.chatservice.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A chat's {@code metadata}, any JSON object, as a native DynamoDB map ({@code M}), as
 * the original design stores it: objects become {@code M}, arrays {@code L}, strings
 * {@code S}, numbers {@code N}, booleans {@code BOOL} and null {@code NUL}.
 *
 * <p>
 * Some JSON that fits the 8 KiB limit still cannot be stored: DynamoDB rejects empty map
 * keys, nesting beyond its depth limit, and numbers beyond 38 digits or its exponent
 * range. {@link #problem} finds those before a write, so the client gets a 422 naming
 * {@code metadata} rather than a 500 from DynamoDB's ValidationException.
 */
final class MetadataAttributes {

    static final AttributeConverter<Map<String, Object>> CONVERTER = new Converter();

    /**
     * Containers (objects and arrays) DynamoDB accepts one inside another, the metadata
     * object included.
     */
    static final int MAX_DEPTH = 31;

    private static final int MAX_DIGITS = 38;

    private static final int MAX_EXPONENT = 125;

    private static final int MIN_EXPONENT = -130;

    private MetadataAttributes() {
    }

    /** Why DynamoDB could not store this metadata, or empty when it can. */
    static Optional<String> problem(Map<String, Object> metadata) {
        return problem(metadata, 1);
    }

    private static Optional<String> problem(Object value, int depth) {
        return switch (value) {
            case Map<?, ?> map when depth > MAX_DEPTH -> Optional.of(tooDeep());
            case List<?> list when depth > MAX_DEPTH -> Optional.of(tooDeep());
            case Map<?, ?> map -> map.entrySet()
                .stream()
                .map(entry -> "".equals(entry.getKey()) ? Optional.of("must not have empty keys")
                        : problem(entry.getValue(), depth + 1))
                .flatMap(Optional::stream)
                .findFirst();
            case List<?> list ->
                list.stream().map(element -> problem(element, depth + 1)).flatMap(Optional::stream).findFirst();
            case Number number -> numberProblem(number);
            case null, default -> Optional.empty();
        };
    }

    private static String tooDeep() {
        return "must not nest objects and arrays more than " + MAX_DEPTH + " levels deep";
    }

    private static Optional<String> numberProblem(Number number) {
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(number.toString()).stripTrailingZeros();
        }
        catch (NumberFormatException notFinite) {
            return Optional.of("must contain only finite numbers");
        }
        if (decimal.signum() == 0) {
            return Optional.empty();
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (decimal.precision() > MAX_DIGITS || exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
            return Optional
                .of("numbers must have at most " + MAX_DIGITS + " significant digits and a magnitude between 1E"
                        + MIN_EXPONENT + " and 1E+" + (MAX_EXPONENT + 1));
        }
        return Optional.empty();
    }

    static AttributeValue toAttribute(Object value) {
        return switch (value) {
            case null -> AttributeValue.fromNul(true);
            case String string -> AttributeValue.fromS(string);
            case Boolean bool -> AttributeValue.fromBool(bool);
            case Number number -> AttributeValue.fromN(new BigDecimal(number.toString()).toString());
            case Map<?, ?> map -> AttributeValue.fromM(toAttributes(map));
            case List<?> list -> AttributeValue.fromL(list.stream().map(MetadataAttributes::toAttribute).toList());
            default -> throw new IllegalArgumentException("Metadata cannot hold a " + value.getClass().getName());
        };
    }

    private static Map<String, AttributeValue> toAttributes(Map<?, ?> map) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        map.forEach((key, value) -> attributes.put(String.valueOf(key), toAttribute(value)));
        return attributes;
    }

    /**
     * JSON values back from DynamoDB; object keys come back sorted, since DynamoDB keeps
     * no order.
     */
    static Object fromAttribute(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case M -> fromAttributes(value.m());
            case L -> value.l().stream().map(MetadataAttributes::fromAttribute).toList();
            // Not written by this service; read leniently in case another writer used
            // them.
            case SS -> List.copyOf(value.ss());
            case NS -> value.ns().stream().map(MetadataAttributes::number).toList();
            case B -> Base64.getEncoder().encodeToString(value.b().asByteArray());
            case BS ->
                value.bs().stream().map(bytes -> Base64.getEncoder().encodeToString(bytes.asByteArray())).toList();
            case UNKNOWN_TO_SDK_VERSION -> null;
        };
    }

    private static Map<String, Object> fromAttributes(Map<String, AttributeValue> attributes) {
        Map<String, Object> map = new TreeMap<>();
        attributes.forEach((key, value) -> map.put(key, fromAttribute(value)));
        return map;
    }

    /**
     * Integers as integers (so {@code 3} stays {@code 3}), anything else as an exact
     * decimal.
     */
    private static Object number(String value) {
        BigDecimal decimal = new BigDecimal(value);
        if (decimal.scale() > 0) {
            return decimal;
        }
        BigInteger integer = decimal.toBigIntegerExact();
        return integer.bitLength() < Long.SIZE ? (Object) integer.longValue() : integer;
    }

    private static final class Converter implements AttributeConverter<Map<String, Object>> {

        @Override
        public AttributeValue transformFrom(Map<String, Object> input) {
            return AttributeValue.fromM(toAttributes(input));
        }

        @Override
        public Map<String, Object> transformTo(AttributeValue input) {
            return input.hasM() ? fromAttributes(input.m()) : Map.of();
        }

        @Override
        public EnhancedType<Map<String, Object>> type() {
            return EnhancedType.mapOf(String.class, Object.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }

    }

}
