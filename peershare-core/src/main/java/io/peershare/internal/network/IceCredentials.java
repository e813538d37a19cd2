package io.peershare.internal.network;

import io.peershare.config.IceServer;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.TurnCredentials;
import io.peershare.protocol.Events;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * The ICE servers each peer is given: the configured ones, and with a TURN secret its own short-lived TURN
 * credentials, issued on every join and resume and renewed before they expire.
 *
 * <p>Threading: stateless but for each peer's expiry, kept on the {@link Peer}; a peer's credentials are issued
 * on its frame thread (join, resume) or the scheduler's (renewal), never both at once for long enough to matter:
 * the later issue simply wins.
 */
public final class IceCredentials {

    private final PeerShareConfig config;
    private final Outbound out;
    private final JsonObject welcome;

    public IceCredentials(PeerShareConfig config, Outbound out) {
        this.config = config;
        this.out = out;
        this.welcome = Payloads.welcome(config);
    }

    /** The part of {@code network-joined} that does not name the peer, with this peer's own ICE servers. */
    JsonObject welcomeFor(Peer peer, Instant now) {
        if (config.turnCredentials() == null) {
            return welcome;
        }
        return Payloads.withIceServers(welcome, config.iceServers(), issueTurn(peer, now));
    }

    /**
     * Gives a joined peer fresh TURN credentials ({@code ice-servers-updated}) once a quarter of their lifetime is
     * left, so that a long session keeps its relay. Scheduler thread.
     */
    public void renewIfDue(Peer peer, Instant now) {
        TurnCredentials turn = config.turnCredentials();
        long expiresAt = peer.turnExpiresAtMillis();
        if (turn == null || expiresAt == 0 || peer.membership() == null || peer.isAway()
                || expiresAt - now.toEpochMilli() > turn.ttl().toMillis() / 4) {
            return;
        }
        JsonObject servers = Payloads.withIceServers(JsonValue.EMPTY_JSON_OBJECT, config.iceServers(),
                issueTurn(peer, now));
        out.send(peer, Events.ICE_SERVERS_UPDATED, servers, null);
    }

    /** This peer's own TURN credentials, remembered with their expiry. */
    private IceServer issueTurn(Peer peer, Instant now) {
        TurnCredentials turn = config.turnCredentials();
        peer.turnExpiresAt(now.plus(turn.ttl()).toEpochMilli());
        return turn.issue(peer.id(), now);
    }
}
