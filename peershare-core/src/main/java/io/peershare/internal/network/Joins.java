package io.peershare.internal.network;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.address.AddressGroups;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.model.ClusterMember;
import io.peershare.model.JoinRequest;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.NetworkResolver;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code join-wifi-network}: reads the request, asks the host which network it means ({@link NetworkResolver}) and
 * whether the peer may join ({@link AdmissionPolicy}), claims a place cluster-wide, then moves the peer there.
 *
 * <p>Threading: runs on the joiner's frame thread. The resolver, the admission policy and the cluster claim are
 * called before any engine lock is taken; the move itself is {@link NetworkRegistry#join}'s.
 */
public final class Joins {

    private final PeerShareConfig config;
    private final NetworkResolver resolver;
    private final AdmissionPolicy admission;
    private final NetworkRegistry registry;
    private final ClusterLink cluster;

    public Joins(PeerShareConfig config, NetworkResolver resolver, AdmissionPolicy admission, NetworkRegistry registry,
            ClusterLink cluster) {
        this.config = config;
        this.resolver = resolver;
        this.admission = admission;
        this.registry = registry;
        this.cluster = cluster;
    }

    /** The network of everyone behind one address (loopback and private addresses count as one place). */
    static String addressNetworkKey(InetAddress clientAddress) {
        return "address:" + AddressGroups.groupOf(clientAddress);
    }

    /** Returns whether the peer left another network to join this one (its transfers there must then fail). */
    public boolean join(Peer peer, InboundFrame frame) {
        JsonObject data = frame.data();
        // Absent, null or "" asks for the network of the client's address; a name that cleans to nothing is an error.
        JsonValue raw = data.get("networkName");
        boolean unnamed = raw == null || raw.getValueType() == JsonValue.ValueType.NULL
                || (raw instanceof JsonString s && s.getString().isEmpty());
        String named = unnamed ? null : InputValidator.requiredText(data, "networkName", config.maxNetworkNameLength());
        String networkName = named == null ? "" : named;
        String userName = InputValidator.requiredText(data, "userName", config.maxUserNameLength());
        String deviceType = InputValidator.deviceType(data, "deviceType");
        Map<String, List<String>> headers = peer.transport().headers();
        JoinRequest request = new JoinRequest(peer.id(), networkName, userName, deviceType, peer.clientAddress(),
                headers == null ? Map.of() : headers);
        // Without a name the client asks for everyone behind its address: the engine decides that, not the resolver,
        // so that no resolver can turn "no name" into one network for the whole world.
        String key = named == null ? addressNetworkKey(peer.clientAddress())
                : Objects.requireNonNull(resolver.resolve(request), "NetworkResolver returned null");
        AdmissionPolicy.Admission decision = admission.admit(request, key);
        if (!decision.allowed()) {
            throw new Rejection(ErrorCode.JOIN_DENIED, decision.reason());
        }
        List<ClusterMember> claimed = cluster.claim(key, peer, networkName, userName, deviceType);
        if (claimed == null) {
            throw new Rejection(ErrorCode.NETWORK_FULL, (named == null ? "the network of your address" : "network '"
                    + networkName + "'") + " is full (" + config.maxUsersPerNetwork() + " users)");
        }
        try {
            return registry.join(peer, key, networkName, userName, deviceType, frame.requestId(), claimed);
        } catch (Rejection r) {
            Membership current = peer.membership();
            if (current == null || !current.network().key().equals(key)) {
                cluster.release(key, peer); // give back the place claimed above
            }
            throw r;
        }
    }
}
