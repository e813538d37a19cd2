package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;

import io.peershare.IceServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** ICE server lists in the shape of {@code RTCConfiguration.iceServers}, to and from JSON. */
public final class IceServersJson {

    private IceServersJson() {
    }

    /** Parses {@code [{"urls": "stun:host:3478"}, {"urls": ["turn:..."], "username": "u", "credential": "c"}]}. */
    public static List<IceServer> parse(String json) {
        JsonArray array;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            array = reader.readArray();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected a JSON array of {urls, username?, credential?}");
        }
        List<IceServer> servers = new ArrayList<>();
        for (JsonValue entry : array) {
            if (!(entry instanceof JsonObject o)) {
                throw new IllegalArgumentException("each ICE server must be a JSON object");
            }
            JsonValue urls = o.get("urls");
            List<String> urlList = new ArrayList<>();
            if (urls instanceof JsonString s) {
                urlList.add(s.getString());
            } else if (urls instanceof JsonArray a) {
                for (JsonValue u : a) {
                    if (!(u instanceof JsonString s)) {
                        throw new IllegalArgumentException("ICE server urls must be strings");
                    }
                    urlList.add(s.getString());
                }
            } else {
                throw new IllegalArgumentException("each ICE server needs 'urls', a string or an array of strings");
            }
            servers.add(new IceServer(urlList, o.getString("username", null), o.getString("credential", null)));
        }
        return servers;
    }

    public static JsonArray toJson(List<IceServer> servers) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (IceServer server : servers) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("urls", JSON.createArrayBuilder(server.urls()));
            if (server.username() != null) {
                o.add("username", server.username());
            }
            if (server.credential() != null) {
                o.add("credential", server.credential());
            }
            array.add(o);
        }
        return array.build();
    }
}
