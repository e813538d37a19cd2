package io.peershare.socketio;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids for Engine.IO sessions and Socket.IO connections: 120 random bits, 20 URL-safe characters. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String next() {
        byte[] id = new byte[15];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
