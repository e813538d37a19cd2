package io.peershare.redis;

import io.peershare.model.ClusterMember;
import io.peershare.spi.ClusterListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterListener} that writes down every call as one line, e.g. {@code "left Home bob vanished"}.
 * Thread-safe: real-Redis tests receive calls on Lettuce's event loop and wait for them with {@link #awaitCalls}.
 */
final class RecordingListener implements ClusterListener {

    private final List<String> calls = new ArrayList<>();
    private volatile Map<String, List<ClusterMember>> localMembers = Map.of();

    /** What {@link #localMembers()} answers from now on. */
    void localMembers(Map<String, List<ClusterMember>> value) {
        localMembers = value;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls that start with {@code prefix}. */
    List<String> calls(String prefix) {
        return calls().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    /** Waits, at most 10 s, until at least {@code count} calls were made; returns them all. */
    synchronized List<String> awaitCalls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + calls.size() + " of " + count + " calls: " + calls);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(calls);
    }

    private synchronized void record(String... words) {
        calls.add(String.join(" ", words));
        notifyAll();
    }

    @Override
    public void remoteJoined(String networkKey, ClusterMember member) {
        record("joined", networkKey, member.peerId() + "@" + member.nodeId());
    }

    @Override
    public void remoteLeft(String networkKey, String peerId, boolean vanished) {
        record("left", networkKey, peerId + (vanished ? " vanished" : ""));
    }

    @Override
    public void deliver(String networkKey, String peerId, String frame, String fromNode) {
        record("deliver", networkKey, peerId, frame, "from", fromNode);
    }

    @Override
    public void transferOpened(String networkKey, String peerId, String transferId, String ownerNode) {
        record("opened", networkKey, peerId, transferId, "owner", ownerNode);
    }

    @Override
    public void transferEnded(String networkKey, String peerId, String transferId, String ownerNode) {
        record("ended", networkKey, peerId, transferId, "owner", ownerNode);
    }

    @Override
    public void forwarded(String networkKey, String fromPeerId, String frame, String fromNode) {
        record("forwarded", networkKey, fromPeerId, frame, "from", fromNode);
    }

    @Override
    public void resync(String networkKey, List<ClusterMember> remoteMembers) {
        record("resync", networkKey, remoteMembers.stream().map(ClusterMember::peerId).sorted().toList().toString());
    }

    @Override
    public void reachable(boolean reachable) {
        record(reachable ? "reachable" : "unreachable");
    }

    @Override
    public Map<String, List<ClusterMember>> localMembers() {
        return localMembers;
    }
}
