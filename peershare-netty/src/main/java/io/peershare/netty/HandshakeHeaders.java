package io.peershare.netty;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A handshake's headers as the engine reads them: names matched ignoring case, values in order. */
final class HandshakeHeaders {

    private HandshakeHeaders() {
    }

    static Map<String, List<String>> of(HttpHeaders headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            map.computeIfAbsent(header.getKey(), k -> new ArrayList<>(1)).add(header.getValue());
        }
        return Collections.unmodifiableMap(map);
    }

    /** Only the headers named in {@code names} (lower case), or an empty map when there are none to keep. */
    static Map<String, List<String>> retain(Map<String, List<String>> headers, List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : names) {
            List<String> values = headers.get(name);
            if (values != null) {
                kept.put(name, List.copyOf(values));
            }
        }
        return kept.isEmpty() ? Map.of() : Collections.unmodifiableMap(kept);
    }
}
