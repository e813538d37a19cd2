package io.peershare.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds the {@code jakarta.json} objects handlers read from the tokens of an already checked JSON object, in one
 * pass and without a second parser.
 */
final class JsonTrees {

    /**
     * The JSON provider, looked up once ({@code jakarta.json.Json} looks it up on every call). The protocol keeps its
     * own so that it depends on nothing internal; the engine's is {@code io.peershare.internal.json.Jsons}.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    private JsonTrees() {
    }

    /** The JSON object in {@code length} bytes at {@code offset}, which the caller has checked is one. */
    static JsonObject readObject(byte[] json, int offset, int length) {
        try (JsonParser parser = JsonReading.parser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return object(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("checked JSON failed to parse again", e);
        }
    }

    /** The value at the parser's current token, which must start one. */
    static JsonValue value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> JSON.createValue(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? JSON.createValue(parser.getBigIntegerValue()) : JSON.createValue(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> JSON.createValue(parser.getDecimalValue());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("no JSON value at " + parser.currentToken());
        };
    }

    private static JsonObject object(JsonParser parser) throws IOException {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.add(name, value(parser));
        }
        return object.build();
    }

    private static JsonValue array(JsonParser parser) throws IOException {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array.build();
    }
}
