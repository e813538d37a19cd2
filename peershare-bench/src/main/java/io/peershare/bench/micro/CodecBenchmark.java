package io.peershare.bench.micro;

import io.peershare.protocol.FrameException;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.JsonWireCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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

/** Decoding a client's ICE-candidate signal frame and encoding the relayed one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private final JsonWireCodec codec = new JsonWireCodec();
    private final String frame = "{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"k3J9aQ2x7Lm4Np8Rs1Tu5w\","
            + "\"signal\":{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host "
            + "generation 0 ufrag abcd network-id 1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}";
    private final JsonObject relayed = Json.createObjectBuilder().add("from", "k3J9aQ2x7Lm4Np8Rs1Tu5w")
            .add("signal", Json.createObjectBuilder().add("type", "candidate")
                    .add("candidate", "candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host generation 0")
                    .add("sdpMid", "0").add("sdpMLineIndex", 0)).build();

    @Benchmark
    public InboundFrame decodeSignal() throws FrameException {
        return codec.decode(frame);
    }

    @Benchmark
    public String encodeRelayedSignal() {
        return codec.encode("webrtc-signal-received", relayed, null);
    }
}
