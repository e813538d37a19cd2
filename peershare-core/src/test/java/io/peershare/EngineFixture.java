package io.peershare;

import io.peershare.config.PeerShareConfig;
import io.peershare.testing.ManualClock;
import io.peershare.testing.ManualScheduler;
import io.peershare.testing.TestClient;
import java.util.function.UnaryOperator;

/** An engine on a manual clock and scheduler, for deterministic tests. */
final class EngineFixture implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final PeerShare engine;
    final PeerShareConfig config;

    EngineFixture() {
        this(b -> b);
    }

    EngineFixture(UnaryOperator<PeerShareConfig.Builder> config) {
        this(config, b -> b);
    }

    EngineFixture(UnaryOperator<PeerShareConfig.Builder> config, UnaryOperator<PeerShare.Builder> engineSetup) {
        this.config = config.apply(PeerShareConfig.builder()).build();
        PeerShare.Builder builder = PeerShare.builder()
                .config(this.config)
                .clock(clock)
                .scheduler(scheduler);
        engine = engineSetup.apply(builder).build();
    }

    /** A client connecting from a private LAN address (all such addresses share one group). */
    TestClient client() {
        return new TestClient(engine, "192.168.1.10");
    }

    TestClient client(String remoteIp) {
        return new TestClient(engine, remoteIp);
    }

    /** Lets the resume grace of every dropped connection run out: their peers leave as usual. */
    void graceEnds() {
        scheduler.advance(config.resumeGrace().plus(config.sweepInterval()));
    }

    @Override
    public void close() {
        engine.close();
    }
}
