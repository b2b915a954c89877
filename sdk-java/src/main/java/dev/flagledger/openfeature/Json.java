package dev.flagledger.openfeature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON as plain Java trees (maps, lists, strings, numbers, booleans, null), the shape the engine reads. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    static Object parse(byte[] bytes) throws IOException {
        return MAPPER.readValue(bytes, Object.class);
    }

    static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String writeString(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object as a map with string keys, or an exception naming what it was instead. */
    static Map<String, Object> object(Object tree, String what) throws IOException {
        if (!(tree instanceof Map<?, ?> map)) throw new IOException(what + " is not a JSON object");
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
