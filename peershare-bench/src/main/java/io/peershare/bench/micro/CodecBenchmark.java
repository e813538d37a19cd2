package io.peershare.bench.micro;

import io.peershare.protocol.FrameException;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.JsonWireCodec;
import io.peershare.protocol.OutboundFrame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding a client's ICE-candidate signal frame, encoding the relayed one, and encoding a chat message. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private final JsonWireCodec codec = new JsonWireCodec();
    private final byte[] frame = ("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"k3J9aQ2x7Lm4Np8Rs1Tu5w\","
            + "\"signal\":{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host "
            + "generation 0 ufrag abcd network-id 1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}")
            .getBytes(StandardCharsets.UTF_8);
    /** Where the signal object lies in {@link #frame}. */
    private final int signalOffset = new String(frame, StandardCharsets.UTF_8).indexOf("{\"type\"");
    private final int signalLength = frame.length - 2 - signalOffset;
    private final JsonObject chat = Json.createObjectBuilder().add("id", "m1").add("type", "user")
            .add("peerId", "k3J9aQ2x7Lm4Np8Rs1Tu5w").add("userName", "Alice").add("text", "see you at eight")
            .add("timestamp", 1_767_225_600_000L).build();

    @Benchmark
    public InboundFrame decodeSignal() throws FrameException {
        return codec.decode(frame, 0, frame.length);
    }

    /** The relayed signal spliced from the bytes it arrived in. */
    @Benchmark
    public OutboundFrame encodeRelayedSignal() {
        return codec.encodeRelayedSignal("k3J9aQ2x7Lm4Np8Rs1Tu5w", frame, signalOffset, signalLength);
    }

    /** A server event built as objects and written once: the path of every event but the relayed signal. */
    @Benchmark
    public OutboundFrame encodeChatMessage() {
        return codec.encode("new-message", chat, null);
    }
}
