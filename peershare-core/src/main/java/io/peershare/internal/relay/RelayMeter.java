package io.peershare.internal.relay;

import java.util.HashMap;
import java.util.Map;

/**
 * What relays cost, against {@link RelayLimits}: the relays each peer has open, the bytes each address relayed today
 * (UTC days: the counts start again at midnight, and yesterday's are forgotten), and the server's relay bandwidth,
 * all relays together.
 *
 * <p>The bandwidth is a bucket of bytes that refills at {@link RelayLimits#bytesPerSecond()} and holds one second of
 * it. A chunk always passes (the sender kept within its credit); past the bucket, the meter says how long to hold the
 * receiver's acknowledgement back, so the sender's credit, and with it the rate, comes back no faster than the cap.
 *
 * <p>Threading: every method holds the meter's monitor; it is shared by every relay of the engine and does little.
 */
public final class RelayMeter {

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    private final RelayLimits limits;
    private final Map<String, Integer> openByPeer = new HashMap<>();
    private final Map<String, Long> bytesTodayByAddress = new HashMap<>();
    private long today;
    private double bucket;
    private long lastRefillMillis;

    public RelayMeter(RelayLimits limits, long nowMillis) {
        this.limits = limits;
        this.today = Math.floorDiv(nowMillis, DAY_MILLIS);
        this.bucket = limits.bytesPerSecond();
        this.lastRefillMillis = nowMillis;
    }

    /** Counts a relay between two peers: {@code null} if both may have one more, otherwise why not. */
    public synchronized RelayRefusal tryOpen(String senderId, String receiverId) {
        if (openByPeer.getOrDefault(senderId, 0) >= limits.relaysPerPeer()
                || openByPeer.getOrDefault(receiverId, 0) >= limits.relaysPerPeer()) {
            return RelayRefusal.TOO_MANY_RELAYS;
        }
        openByPeer.merge(senderId, 1, Integer::sum);
        openByPeer.merge(receiverId, 1, Integer::sum);
        return null;
    }

    /** A relay counted by {@link #tryOpen} is over. */
    public synchronized void closed(String senderId, String receiverId) {
        openByPeer.computeIfPresent(senderId, (id, n) -> n > 1 ? n - 1 : null);
        openByPeer.computeIfPresent(receiverId, (id, n) -> n > 1 ? n - 1 : null);
    }

    /** Whether an address has bytes of today's quota left. */
    public synchronized boolean hasQuota(String address, long nowMillis) {
        rollDay(nowMillis);
        return bytesTodayByAddress.getOrDefault(address, 0L) < limits.bytesPerAddressPerDay();
    }

    /**
     * Charges a chunk of {@code bytes} to both addresses' quotas; {@code null} if both had that much left today,
     * otherwise {@link RelayRefusal#QUOTA_EXCEEDED} and nothing is charged.
     */
    public synchronized RelayRefusal charge(String senderAddress, String receiverAddress, int bytes, long nowMillis) {
        rollDay(nowMillis);
        long quota = limits.bytesPerAddressPerDay();
        if (bytesTodayByAddress.getOrDefault(senderAddress, 0L) + bytes > quota
                || bytesTodayByAddress.getOrDefault(receiverAddress, 0L) + bytes > quota) {
            return RelayRefusal.QUOTA_EXCEEDED;
        }
        bytesTodayByAddress.merge(senderAddress, (long) bytes, Long::sum);
        if (!receiverAddress.equals(senderAddress)) {
            bytesTodayByAddress.merge(receiverAddress, (long) bytes, Long::sum);
        }
        return null;
    }

    /**
     * Takes {@code bytes} from the bandwidth bucket; returns how many milliseconds to wait before the credit they
     * open goes back to the sender: 0 while the server is within its bandwidth.
     */
    public synchronized long spend(int bytes, long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        if (elapsed > 0) {
            bucket = Math.min(limits.bytesPerSecond(), bucket + elapsed * limits.bytesPerSecond() / 1000.0);
            lastRefillMillis = nowMillis;
        }
        bucket -= bytes;
        return bucket >= 0 ? 0 : (long) Math.ceil(-bucket * 1000.0 / limits.bytesPerSecond());
    }

    /** Relays open for a peer now. */
    public synchronized int openFor(String peerId) {
        return openByPeer.getOrDefault(peerId, 0);
    }

    private void rollDay(long nowMillis) {
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        if (day != today) {
            today = day;
            bytesTodayByAddress.clear();
        }
    }
}
