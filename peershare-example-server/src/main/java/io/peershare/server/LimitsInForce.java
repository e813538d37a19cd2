package io.peershare.server;

import io.peershare.config.PeerShareConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * The start-up line that says which limits are in force, defaults and heap shares resolved, so that an operator sees
 * what a setting did (or that a misspelt one did nothing) without reading the environment back. Sizes in the unit a
 * person would write them in.
 */
final class LimitsInForce {

    /** The units {@code MAX_FILE_SIZE} and the like are written in, largest first. */
    private static final long[] SIZES = {1L << 30, 1_000_000_000L, 1L << 20, 1_000_000L, 1L << 10, 1_000L};
    private static final String[] UNITS = {"GiB", "GB", "MiB", "MB", "KiB", "KB"};

    private LimitsInForce() {
    }

    /**
     * {@code limits: max file size 100 MiB, 100 users a network, ...}: the limits people meet (file size, network
     * size, transfers) and those that bound the server's memory (history, connections, queues) and notice a dead
     * client (heartbeat).
     */
    static String describe(PeerShareConfig engine) {
        return "limits: max file size " + bytes(engine.maxFileSize())
                + ", " + engine.maxUsersPerNetwork() + " users a network"
                + ", " + engine.maxTransfersPerPeer() + " transfers a peer"
                + ", history of " + engine.maxHistoryMessages() + " messages or " + bytes(engine.maxHistoryBytesPerNetwork())
                + " a network kept " + duration(engine.messageRetention())
                + " (" + bytes(engine.maxHistoryBytesTotal()) + " in all)"
                + ", " + engine.maxConnectionsPerAddress() + " connections and " + engine.maxNetworksPerAddress()
                + " networks an address"
                + ", " + bytes(engine.maxOutboundBytes()) + " waiting for a slow reader ("
                + bytes(engine.maxOutboundBytesTotal()) + " in all)"
                + ", heartbeat " + seconds(engine.heartbeatInterval()) + " (timeout " + seconds(engine.heartbeatTimeout())
                + ")"
                + ", resume grace " + seconds(engine.resumeGrace());
    }

    /**
     * {@code 100 MiB} or {@code 10 MB} as a person would write it, else (a share of the heap, say) {@code 753.5 MiB}
     * rather than {@code 771584 KiB}; below a kibibyte, {@code 512 bytes}.
     */
    static String bytes(long bytes) {
        for (int i = 0; i < SIZES.length; i++) {
            if (bytes >= SIZES[i] && bytes % SIZES[i] == 0 && bytes / SIZES[i] < 10_000) {
                return bytes / SIZES[i] + " " + UNITS[i];
            }
        }
        for (int i = 0; i < SIZES.length; i += 2) { // binary units: heap shares are in them
            if (bytes >= SIZES[i]) {
                return String.format(Locale.ROOT, "%.1f %s", (double) bytes / SIZES[i], UNITS[i]);
            }
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** {@code 24 h} or {@code 90 min}, for a retention set in hours and kept to the minute. */
    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    /** {@code 60 s}, for what is set in seconds. */
    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
