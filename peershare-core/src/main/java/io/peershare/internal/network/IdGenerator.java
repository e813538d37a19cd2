package io.peershare.internal.network;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes ids. Peer and transfer ids are 128 random bits, so nobody can guess another client's; message ids
 * only need to be unique, so they are a random per-engine prefix and a counter.
 */
public final class IdGenerator {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final String messagePrefix;
    private final AtomicLong messageCounter = new AtomicLong();

    public IdGenerator() {
        byte[] prefix = new byte[6];
        random.nextBytes(prefix);
        messagePrefix = BASE64.encodeToString(prefix) + '-';
    }

    public String unguessable() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }

    public String messageId() {
        return messagePrefix + Long.toString(messageCounter.incrementAndGet(), 36);
    }
}
