package io.peershare.testing;

import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * An in-memory cluster for deterministic tests: what nodes tell each other waits in a queue until the test
 * calls {@link #deliverAll}, so a test decides exactly what happens between two messages. Works like the Redis
 * cluster: a directory of members per network, and a node hears about a network only while it has members in it.
 */
public final class ManualClusterBus {

    private final Map<String, Map<String, ClusterMember>> directory = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Queue<Runnable> inFlight = new ArrayDeque<>();
    /** Away members by token hash, as Redis keeps them (without expiry: the record's own deadline counts). */
    private final Map<String, ParkedMember> parked = new LinkedHashMap<>();
    /** Token hashes whose record a node took: parked again by nobody. */
    private final Set<String> taken = new HashSet<>();

    /** A new node of this cluster; build an engine with it. */
    public Cluster node(String nodeId) {
        Node node = new Node(nodeId);
        nodes.put(nodeId, node);
        return node;
    }

    /** Delivers everything in flight, including what the deliveries cause. Returns how many messages ran. */
    public int deliverAll() {
        int count = 0;
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
            count++;
        }
        return count;
    }

    private synchronized Runnable poll() {
        return inFlight.poll();
    }

    private synchronized void send(Runnable message) {
        inFlight.add(message);
    }

    /** The node stops without a goodbye; the others find out as they would from expired liveness. */
    public synchronized void vanish(String nodeId) {
        Node dead = nodes.remove(nodeId);
        for (Map.Entry<String, Map<String, ClusterMember>> e : directory.entrySet()) {
            e.getValue().values().removeIf(m -> {
                if (!m.nodeId().equals(dead.id)) {
                    return false;
                }
                for (Node other : nodes.values()) {
                    if (other.tracks(e.getKey())) {
                        send(() -> other.listener.remoteLeft(e.getKey(), m.peerId(), true));
                    }
                }
                return true;
            });
        }
    }

    /** The node loses (false) or regains (true) its way to the others, as a Redis outage would look to it. */
    public synchronized void reachability(String nodeId, boolean reachable) {
        Node node = nodes.get(nodeId);
        send(() -> node.listener.reachable(reachable));
    }

    private final class Node implements Cluster {
        private final String id;
        private final Map<String, Set<String>> locals = new LinkedHashMap<>();
        private ClusterListener listener;

        Node(String id) {
            this.id = id;
        }

        boolean tracks(String key) {
            Set<String> here = locals.get(key);
            return here != null && !here.isEmpty();
        }

        @Override
        public String nodeId() {
            return id;
        }

        @Override
        public void start(ClusterListener value) {
            listener = value;
        }

        @Override
        public List<ClusterMember> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
            synchronized (ManualClusterBus.this) {
                Map<String, ClusterMember> members = directory.computeIfAbsent(networkKey, k -> new LinkedHashMap<>());
                if (!members.containsKey(member.peerId()) && members.size() >= maxUsers) {
                    return null;
                }
                members.put(member.peerId(), member);
                return List.copyOf(members.values());
            }
        }

        @Override
        public void memberJoined(String networkKey, ClusterMember member) {
            synchronized (ManualClusterBus.this) {
                boolean firstHere = !tracks(networkKey);
                locals.computeIfAbsent(networkKey, k -> new HashSet<>()).add(member.peerId());
                directory.computeIfAbsent(networkKey, k -> new LinkedHashMap<>()).put(member.peerId(), member);
                if (firstHere) {
                    for (ClusterMember existing : List.copyOf(directory.get(networkKey).values())) {
                        if (!existing.nodeId().equals(id)) {
                            send(() -> listener.remoteJoined(networkKey, existing));
                        }
                    }
                }
                for (Node other : nodes.values()) {
                    if (other != this && other.tracks(networkKey)) {
                        send(() -> other.listener.remoteJoined(networkKey, member));
                    }
                }
            }
        }

        @Override
        public void memberLeft(String networkKey, String peerId) {
            synchronized (ManualClusterBus.this) {
                Set<String> here = locals.get(networkKey);
                if (here != null) {
                    here.remove(peerId);
                }
                Map<String, ClusterMember> members = directory.get(networkKey);
                if (members != null) {
                    members.remove(peerId);
                }
                for (Node other : nodes.values()) {
                    if (other != this && other.tracks(networkKey)) {
                        send(() -> other.listener.remoteLeft(networkKey, peerId, false));
                    }
                }
            }
        }

        @Override
        public boolean sendTo(ClusterMember target, String networkKey, String frame) {
            Node node = nodes.get(target.nodeId());
            if (node != null) {
                send(() -> node.listener.deliver(networkKey, target.peerId(), frame, id));
            }
            return node != null;
        }

        @Override
        public void transferOpened(ClusterMember receiver, String networkKey, String transferId) {
            Node node = nodes.get(receiver.nodeId());
            if (node != null) {
                send(() -> node.listener.transferOpened(networkKey, receiver.peerId(), transferId, id));
            }
        }

        @Override
        public void transferEnded(ClusterMember receiver, String networkKey, String transferId) {
            Node node = nodes.get(receiver.nodeId());
            if (node != null) {
                send(() -> node.listener.transferEnded(networkKey, receiver.peerId(), transferId, id));
            }
        }

        @Override
        public void park(String tokenHash, ParkedMember member, Duration ttl) {
            synchronized (ManualClusterBus.this) {
                parked.put(tokenHash, member);
            }
        }

        @Override
        public void repark(String tokenHash, ParkedMember member, Duration ttl) {
            synchronized (ManualClusterBus.this) {
                if (!taken.contains(tokenHash)) {
                    parked.put(tokenHash, member);
                }
            }
        }

        @Override
        public void unpark(String tokenHash) {
            synchronized (ManualClusterBus.this) {
                parked.remove(tokenHash);
            }
        }

        @Override
        public ParkedMember takeParked(String tokenHash) {
            synchronized (ManualClusterBus.this) {
                ParkedMember member = parked.remove(tokenHash);
                if (member != null) {
                    taken.add(tokenHash);
                }
                return member;
            }
        }

        @Override
        public void memberMoved(String networkKey, String peerId) {
            synchronized (ManualClusterBus.this) {
                Set<String> here = locals.get(networkKey);
                if (here != null) {
                    here.remove(peerId);
                }
            }
        }

        @Override
        public boolean forward(String ownerNode, String networkKey, String fromPeerId, String frame) {
            Node node = nodes.get(ownerNode);
            if (node != null) {
                send(() -> node.listener.forwarded(networkKey, fromPeerId, frame, id));
            }
            return node != null;
        }
    }
}
