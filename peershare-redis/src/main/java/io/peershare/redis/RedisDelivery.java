package io.peershare.redis;

import io.peershare.model.ClusterMember;

/**
 * What one node sends to another: frames for its members, client frames forwarded to a transfer's owner, and
 * which node owns a transfer offered to a member. All of it is published on the target node's own channel over
 * the one command connection, so Redis keeps the order: a transfer's owner, published before its request,
 * reaches the receiving node first. The receiving node hands a frame over only if its member is still in the
 * network it was sent for.
 *
 * <p>Threading: engine threads, possibly under a network's monitor; every method only queues a publish.
 */
final class RedisDelivery {

    private final String nodeId;
    private final ClusterRedis redis;
    private final RedisStatus status;

    RedisDelivery(String nodeId, ClusterRedis redis, RedisStatus status) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.status = status;
    }

    boolean sendTo(ClusterMember target, String networkKey, String frame) {
        if (!redis.isOpen()) {
            return false;
        }
        publish(target.nodeId(), ClusterMessages.deliver(nodeId, networkKey, target.peerId(), frame));
        return true;
    }

    /** Refused while Redis is down, so that the member learns at once that its answer did not reach the owner. */
    boolean forward(String ownerNode, String networkKey, String fromPeerId, String frame) {
        if (!redis.isOpen() || !status.isUp()) {
            return false;
        }
        publish(ownerNode, ClusterMessages.forward(nodeId, networkKey, fromPeerId, frame));
        return true;
    }

    void transferOpened(ClusterMember receiver, String networkKey, String transferId) {
        publish(receiver.nodeId(), ClusterMessages.transferOpened(nodeId, networkKey, receiver.peerId(), transferId));
    }

    void transferEnded(ClusterMember receiver, String networkKey, String transferId) {
        publish(receiver.nodeId(), ClusterMessages.transferEnded(nodeId, networkKey, receiver.peerId(), transferId));
    }

    private void publish(String node, String message) {
        status.quietly(() -> redis.publishToNode(node, message));
    }
}
