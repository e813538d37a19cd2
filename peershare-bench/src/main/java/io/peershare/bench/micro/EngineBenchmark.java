package io.peershare.bench.micro;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.defaults.InMemoryMessageStore;
import io.peershare.micrometer.PeerShareMetrics;
import io.peershare.model.ChatMessage;
import io.peershare.model.EventClass;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Connection;
import io.peershare.spi.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's hot paths without a network: one signal frame in (decode, rate limit, validate, route,
 * encode, hand to the target's transport), a chat message fanned out to a network of 4, a history append.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {

    /** {@code none}: no recorder, the engine reads no clock; {@code prometheus}: the reference server's meters. */
    @Param({"none", "prometheus"})
    public String metrics;

    private PeerShare engine;
    private Connection alice;
    private byte[] signalFrame;
    private final byte[] chatFrame = "{\"event\":\"send-message\",\"data\":{\"text\":\"hello everyone\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final InMemoryMessageStore store = new InMemoryMessageStore(1000, 100);
    private final ChatMessage message = new ChatMessage("m1", ChatMessage.Type.USER, "p", "Alice", "hello", Instant.now());
    private Blackhole sink;

    /** A transport that hands frames to the benchmark's black hole, as a fast client would take them. */
    private final class SinkTransport implements Transport {
        @Override
        public void send(OutboundFrame frame) {
            sink.consume(frame);
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }
    }

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        RateLimit unlimited = RateLimit.of(1e9, 1_000_000_000);
        PeerShareConfig.Builder config = PeerShareConfig.builder();
        for (EventClass c : EventClass.values()) {
            config.connectionRateLimit(c, unlimited).addressRateLimit(c, unlimited);
        }
        PeerShare.Builder builder = PeerShare.builder().config(config.build());
        PeerShareMetrics meters = metrics.equals("prometheus")
                ? new PeerShareMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)) : null;
        engine = (meters == null ? builder : builder.metrics(meters)).build();
        if (meters != null) {
            meters.bind(engine);
        }
        Connection[] members = new Connection[4];
        for (int i = 0; i < members.length; i++) {
            members[i] = engine.open(new SinkTransport());
            members[i].receive("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"Home\",\"userName\":\"u" + i + "\"}}");
        }
        alice = members[0];
        signalFrame = ("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + members[1].peerId() + "\",\"signal\":"
                + "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}").getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void relaySignal() {
        alice.receive(signalFrame);
    }

    @Benchmark
    public void chatToNetworkOf4() {
        alice.receive(chatFrame);
    }

    @Benchmark
    public void historyAppend() {
        store.append("Home", message);
    }
}
