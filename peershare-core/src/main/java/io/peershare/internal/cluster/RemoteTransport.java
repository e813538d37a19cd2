package io.peershare.internal.cluster;

import io.peershare.model.ClusterMember;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Cluster;
import io.peershare.spi.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * How the engine reaches a member connected to another node: frames go through the cluster to that node, which
 * hands them to the member only if it is still in the same network.
 */
final class RemoteTransport implements Transport {

    private final Cluster cluster;
    private final String networkKey;
    private volatile ClusterMember member;

    RemoteTransport(Cluster cluster, String networkKey, ClusterMember member) {
        this.cluster = cluster;
        this.networkKey = networkKey;
        this.member = member;
    }

    /** The member as its node last announced it. */
    ClusterMember member() {
        return member;
    }

    void update(ClusterMember value) {
        member = value;
    }

    @Override
    public void send(OutboundFrame frame) {
        cluster.sendTo(member, networkKey, frame.text());
    }

    /** The member's own node closes its connection; here it just stops being reachable. */
    @Override
    public void close(int code, String reason) {
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }
}
