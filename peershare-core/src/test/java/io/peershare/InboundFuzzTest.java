package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.FrameException;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.JsonWireCodec;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes the codec and the engine's inbound path with hostile frames: random bytes, valid frames with bytes flipped,
 * cut, repeated or replaced by odd JSON values, nesting thousands deep, numbers a thousand digits long, broken
 * escapes. Nothing may escape as an exception, no frame may make the engine fail internally, and every frame the
 * engine sends back is a well-formed event.
 *
 * <p>Bounded: each property runs {@code jqwik.tries.default} tries (300, set in {@code junit-platform.properties}),
 * a few seconds in {@code mvn verify}. For a longer run:
 * {@code mvn -pl peershare-core -am test -Dtest=InboundFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=100000}. jqwik reports the seed of any failure, which {@code @Property(seed = "...")}
 * replays, and tries failed seeds first on the next run.
 */
class InboundFuzzTest {

    private static final String BOB = "@BOB@";

    /** Frames the protocol has, to be bent out of shape; {@value #BOB} stands for a peer in the sender's network. */
    private static final List<String> VALID = List.of(
            "{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"Home\",\"userName\":\"Eve\"}}",
            "{\"event\":\"send-message\",\"data\":{\"text\":\"hello \\u00e9\\ud83d\\ude00\"},\"requestId\":\"r1\"}",
            "{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + BOB + "\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}",
            "{\"event\":\"webrtc-signal\",\"data\":{\"signal\":{\"candidate\":\"a\"},\"to\":\"" + BOB + "\"}}",
            "{\"event\":\"initiate-file-transfer\",\"data\":{\"to\":\"" + BOB
                    + "\",\"fileName\":\"a.txt\",\"fileSize\":1024,\"mimeType\":\"text/plain\"}}",
            "{\"event\":\"accept-file-transfer\",\"data\":{\"transferId\":\"t\"}}",
            "{\"event\":\"file-transfer-progress\",\"data\":{\"transferId\":\"t\",\"bytesTransferred\":10}}",
            "{\"event\":\"cancel-file-transfer\",\"data\":{\"transferId\":\"t\",\"reason\":\"x\"}}",
            "{\"event\":\"leave-wifi-network\"}",
            "{\"event\":\"heartbeat\",\"requestId\":7}");

    /** JSON values that tend to surprise a reader. */
    private static final List<String> ODD_VALUES = List.of("null", "true", "[]", "{}", "\"\"", "-0", "1e999", "-1",
            "9223372036854775808", "0.5", "\"\\u0000\"", "\"\\ud800\"", "\"\\uDFFF\\uD800\"", "\"\u00a0\u200b\"",
            "[[[[[[]]]]]]", "{\"event\":{}}", "\"" + "x".repeat(5_000) + "\"", "9".repeat(1_100), "NaN", "'x'");

    private static final JsonWireCodec CODEC = new JsonWireCodec();

    // --- the codec alone

    @Property
    void theCodecReadsAnyBytesIntoAFrameOrRefusesThemWithAFrameException(@ForAll("frameSequences") List<byte[]> frames) {
        for (byte[] bytes : frames) {
            try {
                InboundFrame frame = CODEC.decode(bytes, 0, bytes.length);
                assertTrue(frame.event() != null, "a decoded frame has an event");
                frame.data(); // the lazy tree must build for whatever the index accepted
            } catch (FrameException refused) {
                assertTrue(refused.code() != null && refused.getMessage() != null, "a refusal says why");
            }
        }
    }

    // --- the engine's whole inbound path

    @Property
    void noSequenceOfFramesMakesTheEngineFailOrSendAnythingMalformed(
            @ForAll("frameSequences") List<byte[]> frames) {
        try (EngineFixture fx = new EngineFixture(InboundFuzzTest::generousLimits)) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            byte[] bobId = bob.peerId().getBytes(StandardCharsets.UTF_8);
            for (byte[] frame : frames) {
                alice.connection().receive(withPeer(frame, bobId));
            }

            List<TestClient> clients = List.of(alice, bob);
            for (TestClient client : clients) {
                assertNotEquals(CloseCodes.INTERNAL_ERROR, client.transport().closeCode());
                for (String sent : client.transport().frames()) {
                    JsonObject event = parse(sent);
                    assertTrue(event.containsKey("event"), () -> "no event in " + sent);
                    JsonObject data = event.getJsonObject("data");
                    if ("error".equals(event.getString("event"))) {
                        assertNotEquals("INTERNAL_ERROR", data.getString("code"), () -> "internal error: " + sent);
                    }
                }
            }
            // Whatever Alice did, the network still works for others.
            TestClient carol = fx.client().join("Home", "Carol");
            bob.chat("still here");
            assertEquals("still here", carol.last("new-message").getJsonObject("data").getString("text"));
        }
    }

    private static PeerShareConfig.Builder generousLimits(PeerShareConfig.Builder config) {
        for (EventClass eventClass : EventClass.values()) {
            config.connectionRateLimit(eventClass, RateLimit.of(1_000_000, 1_000_000))
                    .addressRateLimit(eventClass, RateLimit.of(1_000_000, 1_000_000));
        }
        return config;
    }

    private static JsonObject parse(String frame) {
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }

    private static byte[] withPeer(byte[] frame, byte[] peerId) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        if (!text.contains(BOB)) {
            return frame;
        }
        String id = new String(peerId, StandardCharsets.ISO_8859_1);
        return text.replace(BOB, id).getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- generators

    @Provide
    Arbitrary<List<byte[]>> frameSequences() {
        return frames().list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(4, mutatedFrames()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, tokenSoup()));
    }

    /** A valid frame with a few bytes changed, cut out, repeated, or a value swapped for an odd one. */
    private static Arbitrary<byte[]> mutatedFrames() {
        Arbitrary<String> valid = Arbitraries.of(VALID);
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.bytes(),
                        Arbitraries.of(ODD_VALUES))
                .as(Mutation::new);
        return Combinators.combine(valid, mutation.list().ofMaxSize(3)).as((frame, mutations) -> {
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            for (Mutation m : mutations) {
                bytes = m.apply(bytes);
            }
            return bytes;
        });
    }

    /** One change to a frame; where it applies is a fraction of the frame's length. */
    private record Mutation(int kind, double at, double span, byte value, String oddValue) {
        byte[] apply(byte[] frame) {
            if (frame.length == 0) {
                return oddValue.getBytes(StandardCharsets.UTF_8);
            }
            int start = (int) (at * frame.length);
            int end = Math.min(frame.length, start + 1 + (int) (span * 16));
            List<Byte> out = new ArrayList<>(frame.length + 16);
            for (byte b : frame) {
                out.add(b);
            }
            switch (kind) {
                case 0 -> out.set(Math.min(start, frame.length - 1), value);
                case 1 -> out.subList(start, end).clear();
                case 2 -> out.addAll(start, new ArrayList<>(out.subList(start, end)));
                case 3 -> {
                    out.subList(start, end).clear();
                    for (byte b : oddValue.getBytes(StandardCharsets.UTF_8)) {
                        out.add(Math.min(start++, out.size()), b);
                    }
                }
                default -> out.add(Math.min(start, out.size()), value);
            }
            byte[] result = new byte[out.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = out.get(i);
            }
            return result;
        }
    }

    /** Arrays or objects nested up to a few thousand deep, in and around an event's data. */
    private static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 3_000), Arbitraries.of("[", "{\"a\":"),
                        Arbitraries.of(true, false))
                .as((depth, open, closed) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String nested = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                    return ("{\"event\":\"send-message\",\"data\":{\"text\":" + nested + "}}")
                            .getBytes(StandardCharsets.UTF_8);
                });
    }

    /** JSON's own tokens in random order: what a parser sees from a confused or malicious client. */
    private static Arbitrary<byte[]> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"event\"", "\"data\"",
                "\"requestId\"", "\"to\"", "\"signal\"", "\"send-message\"", "\"webrtc-signal\"", "\"", "\\", "1",
                "-", "e", "null", "\"\\u", "\"\\ud83d\"", " ", "\u00e9", "\u0000");
        return token.list().ofMaxSize(60).map(tokens -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
    }
}
