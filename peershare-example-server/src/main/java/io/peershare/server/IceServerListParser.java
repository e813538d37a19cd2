package io.peershare.server;

import io.peershare.config.IceServer;
import io.peershare.server.ValueFormat.Rejected;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads (and writes) {@code ICE_SERVERS}: a JSON array shaped like {@code RTCConfiguration.iceServers}, such as
 * {@code [{"urls": "stun:stun.example.com:3478"}, {"urls": ["turn:t.example.com"], "username": "u", "credential": "c"}]}.
 */
final class IceServerListParser {

    private IceServerListParser() {
    }

    static List<IceServer> parse(String json) {
        JsonArray array;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            array = reader.readArray();
        } catch (RuntimeException e) {
            throw new Rejected("that is not a JSON array");
        }
        List<IceServer> servers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            servers.add(server(array.get(i), "server " + (i + 1)));
        }
        return servers;
    }

    /** {@code servers} as {@link #parse} reads them: {@code []} for none. */
    static String write(List<IceServer> servers) {
        return Json.createArrayBuilder(servers.stream().map(IceServerListParser::fields).toList()).build().toString();
    }

    private static Map<String, Object> fields(IceServer server) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("urls", server.urls());
        Optional.ofNullable(server.username()).ifPresent(username -> fields.put("username", username));
        Optional.ofNullable(server.credential()).ifPresent(credential -> fields.put("credential", credential));
        return fields;
    }

    private static IceServer server(JsonValue entry, String which) {
        if (!(entry instanceof JsonObject server)) {
            throw new Rejected(which + " is not an object");
        }
        List<String> urls = new ArrayList<>();
        JsonValue value = server.get("urls");
        if (value instanceof JsonString url) {
            urls.add(url.getString());
        } else if (value instanceof JsonArray array && !array.isEmpty()) {
            for (JsonValue url : array) {
                urls.add(text(url, which + "'s urls"));
            }
        } else {
            throw new Rejected(which + " needs urls, a string or an array of strings");
        }
        return new IceServer(urls, optionalText(server, "username", which), optionalText(server, "credential", which));
    }

    private static String optionalText(JsonObject server, String field, String which) {
        JsonValue value = server.get(field);
        return value == null || value == JsonValue.NULL ? null : text(value, which + "'s " + field);
    }

    private static String text(JsonValue value, String what) {
        if (!(value instanceof JsonString string)) {
            throw new Rejected(what + " must be text");
        }
        return string.getString();
    }
}
