package io.peershare.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN servers that share a secret with PeerShare, and the short-lived credentials each connection gets for them,
 * in the TURN REST form that coturn's {@code use-auth-secret} accepts: the user name is {@code expiry:peerId}
 * (expiry in Unix seconds) and the credential the base64 of HMAC-SHA1 of the user name, keyed with the secret. The
 * TURN server checks the credential with the same secret and refuses it once the expiry has passed; the secret
 * itself never leaves the server. Immutable and thread-safe; {@link #toString} leaves the secret out.
 */
public final class TurnCredentials {

    private final List<String> urls;
    private final byte[] secret;
    private final Duration ttl;

    /**
     * @param urls   {@code turn:} or {@code turns:} URLs of servers configured with this secret
     * @param secret the shared secret ({@code static-auth-secret} in coturn)
     * @param ttl    how long each credential is valid
     */
    public TurnCredentials(List<String> urls, String secret, Duration ttl) {
        this.urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (this.urls.isEmpty()) {
            throw new IllegalArgumentException("TURN credentials need at least one TURN URL");
        }
        for (String url : this.urls) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new IllegalArgumentException("a TURN URL starts with turn: or turns:, was '" + url + "'");
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN secret is empty");
        }
        if (ttl == null || ttl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("a TURN credential must live at least a minute, was " + ttl);
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
    }

    public List<String> urls() {
        return urls;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The ICE server entry for one connection: these URLs with credentials valid from {@code now} for the TTL. */
    public IceServer issue(String peerId, Instant now) {
        String userName = (now.getEpochSecond() + ttl.toSeconds()) + ":" + peerId;
        return new IceServer(urls, userName, credential(userName));
    }

    /** The TURN REST credential of {@code userName}: base64 of HMAC-SHA1 keyed with the secret. */
    public String credential(String userName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(userName.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentials[urls=" + urls + ", ttl=" + ttl + ", secret=(hidden)]";
    }
}
