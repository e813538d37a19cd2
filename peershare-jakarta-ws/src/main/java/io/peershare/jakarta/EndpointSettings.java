package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection of one registered endpoint shares. Immutable but for the open-session count. */
record EndpointSettings(
        PeerShare engine,
        AllowedOrigins allowedOrigins,
        int maxTextMessageSize,
        long idleTimeoutMillis,
        Executor closeExecutor,
        AtomicInteger openSessions) {

    EndpointSettings(PeerShare engine, AllowedOrigins allowedOrigins, int maxTextMessageSize,
            long idleTimeoutMillis, Executor closeExecutor) {
        this(engine, allowedOrigins, maxTextMessageSize, idleTimeoutMillis, closeExecutor, new AtomicInteger());
    }
}
