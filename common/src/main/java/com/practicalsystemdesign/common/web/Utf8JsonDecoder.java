package com.practicalsystemdesign.common.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;

/**
 * The JSON decoder with the one check Jackson leaves out: a UTF-8 body must be valid
 * UTF-8 (RFC 8259). For speed Jackson decodes some invalid byte sequences anyway, such as
 * the overlong {@code C0 AF} as "/", so a value could reach validation and the stores as
 * something other than the bytes that were sent. Java's own decoder refuses every invalid
 * sequence; such a body is a 400 like any other body that is not JSON.
 */
class Utf8JsonDecoder extends JacksonJsonDecoder {

    Utf8JsonDecoder(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer buffer, ResolvableType targetType, @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) throws DecodingException {
        if (mimeType == null || mimeType.getCharset() == null || StandardCharsets.UTF_8.equals(mimeType.getCharset())) {
            requireUtf8(buffer);
        }
        return super.decode(buffer, targetType, mimeType, hints);
    }

    private static void requireUtf8(DataBuffer buffer) {
        ByteBuffer bytes = ByteBuffer.allocate(buffer.readableByteCount());
        buffer.toByteBuffer(buffer.readPosition(), bytes, 0, bytes.capacity());
        try {
            // A new decoder reports malformed input instead of replacing it.
            StandardCharsets.UTF_8.newDecoder().decode(bytes);
        }
        catch (CharacterCodingException ex) {
            DataBufferUtils.release(buffer);
            throw new DecodingException("JSON body is not valid UTF-8", ex);
        }
    }

}
