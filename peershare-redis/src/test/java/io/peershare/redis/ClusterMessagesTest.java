package io.peershare.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.peershare.model.ClusterMember;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message a node publishes reaches the listener of the node that receives it, with all it carries. */
class ClusterMessagesTest {

    private final RecordingListener listener = new RecordingListener();
    private final ClusterMember bob = new ClusterMember("bob", "node-b", "Home", "Bob", "phone");

    /** node-a receives {@code message}, on the channel of {@code network} ({@code null}: node-a's own). */
    private void receive(String message, String network) {
        ClusterMessages.dispatch(message, "node-a", network, listener);
    }

    @Test
    void aTransferOwnerTravelsAsTheSendingNode() {
        receive(ClusterMessages.transferOpened("node-b", "Home", "alice", "t-1"), null);
        receive(ClusterMessages.transferEnded("node-b", "Home", "alice", "t-1"), null);
        assertEquals(List.of("opened Home alice t-1 owner node-b", "ended Home alice t-1 owner node-b"),
                listener.calls());
    }

    @Test
    void framesForANodeKeepTheirNetworkPeerAndText() {
        String frame = "{\"event\":\"chat\",\"data\":{\"text\":\"a \\\"quoted\\\" line\"}}";
        receive(ClusterMessages.deliver("node-b", "Home", "alice", frame), null);
        receive(ClusterMessages.forward("node-b", "Home", "bob", frame), null);
        assertEquals(List.of("deliver Home alice " + frame + " from node-b", "forwarded Home bob " + frame + " from node-b"),
                listener.calls());
    }

    @Test
    void presenceNamesItsNetworkByChannelAndANodeIgnoresItsOwnExceptVanishedLeaves() {
        receive(ClusterMessages.joined("node-b", bob), "Home");
        receive(ClusterMessages.left("node-b", "bob", false), "Home");
        receive(ClusterMessages.joined("node-a", new ClusterMember("alice", "node-a", "Home", "Alice", "pc")), "Home");
        receive(ClusterMessages.left("node-a", "alice", false), "Home");
        receive(ClusterMessages.left("node-a", "carol", true), "Home"); // node-a found carol's node dead
        assertEquals(List.of("joined Home bob@node-b", "left Home bob", "left Home carol vanished"), listener.calls());
    }

    @Test
    void aMemberSurvivesItsJsonForm() {
        assertEquals(bob, ClusterMessages.member(ClusterMessages.parse(ClusterMessages.member(bob))));
    }

    @Test
    void anUnknownMessageTypeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> receive("{\"t\":\"gossip\",\"n\":\"node-b\"}", null));
    }
}
