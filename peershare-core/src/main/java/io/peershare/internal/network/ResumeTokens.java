package io.peershare.internal.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resume tokens of this node's joined peers. A token is 256 random bits, given to the client with
 * {@code network-joined} and never kept: the server holds only its SHA-256, so neither a heap dump nor a log line
 * can hand anyone a session. Each token works once; every join and resume replaces the peer's token.
 *
 * <p>Threading: a concurrent map from hash to peer; {@link #take} removes atomically, so of two connections
 * presenting one token at once exactly one gets the peer.
 */
public final class ResumeTokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /** Length of a token as handed out: 32 bytes in unpadded base64url. */
    public static final int TOKEN_LENGTH = 43;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Peer> byHash = new ConcurrentHashMap<>();
    private final ClusterLink cluster;

    public ResumeTokens(ClusterLink cluster) {
        this.cluster = cluster;
    }

    /**
     * A fresh token for {@code peer}, which is in a network; its previous one stops working. The cluster keeps the
     * peer's record under the new hash, so that the client can resume on another node even if this one has not
     * noticed its socket is dead.
     */
    public String issue(Peer peer) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = BASE64.encodeToString(bytes);
        String hash = hash(token);
        String old = peer.resumeTokenHash();
        peer.resumeTokenHash(hash);
        byHash.put(hash, peer);
        if (old != null) {
            byHash.remove(old, peer);
            cluster.unparked(old);
        }
        cluster.parked(peer, Long.MAX_VALUE);
        return token;
    }

    /** The local peer this token belongs to, which it no longer does; {@code null} for an unknown token. */
    public Peer take(String tokenHash) {
        return byHash.remove(tokenHash);
    }

    /** The peer left or moved away: its token stops working. */
    public void revoke(Peer peer) {
        String hash = peer.resumeTokenHash();
        if (hash != null) {
            byHash.remove(hash, peer);
            cluster.unparked(hash);
        }
    }

    /** The form in which the server keeps and the cluster shares a token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
