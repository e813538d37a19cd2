package io.peershare.internal.relay;

import io.peershare.protocol.RelayFrame;

/**
 * What relays may cost the server.
 *
 * @param windowBytes bytes of one relay the server may hold for its receiver (the sender's credit)
 * @param relaysPerPeer relays one peer may have open at once, as sender or receiver
 * @param bytesPerAddressPerDay bytes the peers of one address may relay in a day (UTC), sent and received
 * @param bytesPerSecond the server's relay bandwidth, all relays together
 * @param idleTimeoutMillis a relay on which nothing moves this long is over
 */
public record RelayLimits(int windowBytes, int relaysPerPeer, long bytesPerAddressPerDay, long bytesPerSecond,
        long idleTimeoutMillis) {

    public RelayLimits {
        if (windowBytes < RelayFrame.MAX_CHUNK_BYTES || relaysPerPeer < 1 || bytesPerAddressPerDay < 1
                || bytesPerSecond < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("relay limits out of range: " + windowBytes + " " + relaysPerPeer + " "
                    + bytesPerAddressPerDay + " " + bytesPerSecond + " " + idleTimeoutMillis);
        }
    }
}
