package io.peershare.config;

import static io.peershare.config.PeerShareSetting.*;

import io.peershare.internal.address.CidrRange;
import io.peershare.model.EventClass;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's settings: one immutable value, built with {@link #builder()}, validated when built. Every default is
 * here, on its builder method, in groups that {@link PeerShareSetting} names in the same order; a host that reads
 * settings from elsewhere leaves what is unset to these defaults, and the reference server's table of environment
 * variables, the WAR's context parameters and the Spring Boot starter's properties all do.
 *
 * <pre>{@code
 * PeerShareConfig config = PeerShareConfig.builder()
 *         .maxUsersPerNetwork(50)
 *         .messageRetention(Duration.ofHours(6))
 *         .build();
 * }</pre>
 *
 * <p>Longer than 300 lines because it is the list of settings: each has a field, an accessor, a default and a documented
 * builder method, in the same groups throughout.
 */
public final class PeerShareConfig {

    /** 100 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 100L * 1024 * 1024;
    /** The builder's marks for "a quarter" and "an eighth of the maximum heap": minus the divisor. */
    private static final long HEAP_QUARTER = -4;
    private static final long HEAP_EIGHTH = -8;

    // Networks and their history
    private final NetworkPolicy networkPolicy;
    private final int maxUsersPerNetwork;
    private final Duration messageRetention;
    private final int maxHistoryMessages;
    private final int maxSystemMessages;
    private final int maxHistoryBytesPerNetwork;
    private final long maxHistoryBytesTotal;
    private final int maxNetworksPerAddress;
    private final Duration emptyNetworkRetention;
    private final Duration resumeGrace;
    // What one frame may hold
    private final int maxNetworkNameLength;
    private final int maxUserNameLength;
    private final int maxMessageLength;
    private final int maxFileNameLength;
    private final int maxSignalSize;
    private final int maxFrameSize;
    // Transfers
    private final long maxFileSize;
    private final int maxTransfersPerPeer;
    private final Duration transferRequestTimeout;
    // The relay through the server
    private final boolean relayEnabled;
    private final int relaysPerPeer;
    private final long relayBytesPerAddressPerDay;
    private final long relayBytesPerSecond;
    // Heartbeats and housekeeping
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Duration sweepInterval;
    private final Duration cleanupInterval;
    // Connections and slow readers
    private final int maxConnectionsPerAddress;
    private final int maxOutboundBytes;
    private final long maxOutboundBytesTotal;
    // Client addresses behind proxies
    private final List<String> trustedProxies;
    private final ForwardedHeader trustedProxyHeader;
    // STUN and TURN
    private final List<IceServer> iceServers;
    private final TurnCredentials turnCredentials;
    // Rate limits and abuse
    private final Map<EventClass, RateLimit> connectionRateLimits;
    private final Map<EventClass, RateLimit> addressRateLimits;
    private final RateLimit rateLimitStrikes;
    private final RateLimit addressConnectionRateLimit;
    private final RateLimit addressHttpRateLimit;
    private final int abuseClosesBeforeCooldown;
    private final Duration abuseCooldown;

    private PeerShareConfig(Builder b) {
        networkPolicy = Objects.requireNonNull(b.networkPolicy, "networkPolicy");
        maxUsersPerNetwork = positive(MAX_USERS_PER_NETWORK, b.maxUsersPerNetwork);
        messageRetention = positive(MESSAGE_RETENTION, b.messageRetention);
        maxHistoryMessages = positive(MAX_HISTORY_MESSAGES, b.maxHistoryMessages);
        maxSystemMessages = positive(MAX_SYSTEM_MESSAGES, b.maxSystemMessages);
        maxHistoryBytesPerNetwork = positive(MAX_HISTORY_BYTES_PER_NETWORK, b.maxHistoryBytesPerNetwork);
        maxHistoryBytesTotal = atLeast(MAX_HISTORY_BYTES_TOTAL,
                orHeapShare(b.maxHistoryBytesTotal, HEAP_EIGHTH, maxHistoryBytesPerNetwork),
                MAX_HISTORY_BYTES_PER_NETWORK, maxHistoryBytesPerNetwork);
        maxNetworksPerAddress = positive(MAX_NETWORKS_PER_ADDRESS, b.maxNetworksPerAddress);
        emptyNetworkRetention = positive(EMPTY_NETWORK_RETENTION, b.emptyNetworkRetention);
        resumeGrace = Objects.requireNonNull(b.resumeGrace, "resumeGrace");
        if (resumeGrace.isNegative()) {
            throw new InvalidSettingException(RESUME_GRACE, " must be zero (off) or positive but was " + resumeGrace);
        }

        maxNetworkNameLength = positive(MAX_NETWORK_NAME_LENGTH, b.maxNetworkNameLength);
        maxUserNameLength = positive(MAX_USER_NAME_LENGTH, b.maxUserNameLength);
        maxMessageLength = positive(MAX_MESSAGE_LENGTH, b.maxMessageLength);
        maxFileNameLength = positive(MAX_FILE_NAME_LENGTH, b.maxFileNameLength);
        maxSignalSize = positive(MAX_SIGNAL_SIZE, b.maxSignalSize);
        maxFrameSize = positive(MAX_FRAME_SIZE, b.maxFrameSize);
        if (maxFrameSize <= maxSignalSize) {
            throw new InvalidSettingException(MAX_FRAME_SIZE, " (" + maxFrameSize + ") must be larger than ",
                    MAX_SIGNAL_SIZE, " (" + maxSignalSize + ") to leave room for the envelope");
        }

        if (b.maxFileSize < 0) {
            throw new InvalidSettingException(MAX_FILE_SIZE, " must not be negative, was " + b.maxFileSize);
        }
        maxFileSize = b.maxFileSize;
        maxTransfersPerPeer = positive(MAX_TRANSFERS_PER_PEER, b.maxTransfersPerPeer);
        transferRequestTimeout = positive(TRANSFER_REQUEST_TIMEOUT, b.transferRequestTimeout);
        relayEnabled = b.relayEnabled;
        relaysPerPeer = positive(RELAYS_PER_PEER, b.relaysPerPeer);
        relayBytesPerAddressPerDay = positiveBytes(RELAY_BYTES_PER_ADDRESS_PER_DAY, b.relayBytesPerAddressPerDay);
        relayBytesPerSecond = positiveBytes(RELAY_BYTES_PER_SECOND, b.relayBytesPerSecond);

        heartbeatInterval = positive(HEARTBEAT_INTERVAL, b.heartbeatInterval);
        heartbeatTimeout = positive(HEARTBEAT_TIMEOUT, b.heartbeatTimeout);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new InvalidSettingException(HEARTBEAT_TIMEOUT, " (" + heartbeatTimeout + ") must be longer than ",
                    HEARTBEAT_INTERVAL, " (" + heartbeatInterval + ")");
        }
        sweepInterval = positive(SWEEP_INTERVAL, b.sweepInterval);
        cleanupInterval = positive(CLEANUP_INTERVAL, b.cleanupInterval);

        maxConnectionsPerAddress = positive(MAX_CONNECTIONS_PER_ADDRESS, b.maxConnectionsPerAddress);
        maxOutboundBytes = positive(MAX_OUTBOUND_BYTES, b.maxOutboundBytes);
        maxOutboundBytesTotal = atLeast(MAX_OUTBOUND_BYTES_TOTAL,
                orHeapShare(b.maxOutboundBytesTotal, HEAP_QUARTER, maxOutboundBytes),
                MAX_OUTBOUND_BYTES, maxOutboundBytes);

        trustedProxies = List.copyOf(b.trustedProxies);
        for (String proxy : trustedProxies) { // fail at build time, naming the bad entry
            try {
                CidrRange.parse(proxy);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(TRUSTED_PROXIES, ": " + e.getMessage());
            }
        }
        trustedProxyHeader = Objects.requireNonNull(b.trustedProxyHeader, "trustedProxyHeader");

        iceServers = List.copyOf(b.iceServers);
        turnCredentials = b.turnCredentials;

        connectionRateLimits = Collections.unmodifiableMap(new EnumMap<>(b.connectionRateLimits));
        addressRateLimits = Collections.unmodifiableMap(new EnumMap<>(b.addressRateLimits));
        rateLimitStrikes = Objects.requireNonNull(b.rateLimitStrikes, "rateLimitStrikes");
        addressConnectionRateLimit = Objects.requireNonNull(b.addressConnectionRateLimit, "addressConnectionRateLimit");
        addressHttpRateLimit = Objects.requireNonNull(b.addressHttpRateLimit, "addressHttpRateLimit");
        abuseClosesBeforeCooldown = positive(ABUSE_CLOSES_BEFORE_COOLDOWN, b.abuseClosesBeforeCooldown);
        abuseCooldown = positive(ABUSE_COOLDOWN, b.abuseCooldown);
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration. */
    public static PeerShareConfig defaults() {
        return builder().build();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // Networks and their history
    public NetworkPolicy networkPolicy() { return networkPolicy; }
    public int maxUsersPerNetwork() { return maxUsersPerNetwork; }
    public Duration messageRetention() { return messageRetention; }
    public int maxHistoryMessages() { return maxHistoryMessages; }
    public int maxSystemMessages() { return maxSystemMessages; }
    public int maxHistoryBytesPerNetwork() { return maxHistoryBytesPerNetwork; }
    public long maxHistoryBytesTotal() { return maxHistoryBytesTotal; }
    public int maxNetworksPerAddress() { return maxNetworksPerAddress; }
    public Duration emptyNetworkRetention() { return emptyNetworkRetention; }
    public Duration resumeGrace() { return resumeGrace; }
    // What one frame may hold
    public int maxNetworkNameLength() { return maxNetworkNameLength; }
    public int maxUserNameLength() { return maxUserNameLength; }
    public int maxMessageLength() { return maxMessageLength; }
    public int maxFileNameLength() { return maxFileNameLength; }
    public int maxSignalSize() { return maxSignalSize; }
    public int maxFrameSize() { return maxFrameSize; }
    // Transfers
    public long maxFileSize() { return maxFileSize; }
    public int maxTransfersPerPeer() { return maxTransfersPerPeer; }
    public Duration transferRequestTimeout() { return transferRequestTimeout; }
    // The relay through the server
    public boolean relayEnabled() { return relayEnabled; }
    public int relaysPerPeer() { return relaysPerPeer; }
    public long relayBytesPerAddressPerDay() { return relayBytesPerAddressPerDay; }
    public long relayBytesPerSecond() { return relayBytesPerSecond; }
    // Heartbeats and housekeeping
    public Duration heartbeatInterval() { return heartbeatInterval; }
    public Duration heartbeatTimeout() { return heartbeatTimeout; }
    public Duration sweepInterval() { return sweepInterval; }
    public Duration cleanupInterval() { return cleanupInterval; }
    // Connections and slow readers
    public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    public int maxOutboundBytes() { return maxOutboundBytes; }
    public long maxOutboundBytesTotal() { return maxOutboundBytesTotal; }
    // Client addresses behind proxies
    public List<String> trustedProxies() { return trustedProxies; }
    public ForwardedHeader trustedProxyHeader() { return trustedProxyHeader; }
    // STUN and TURN
    public List<IceServer> iceServers() { return iceServers; }
    /** TURN servers that share a secret with this server: each connection gets its own credentials; or {@code null}. */
    public TurnCredentials turnCredentials() { return turnCredentials; }
    // Rate limits and abuse
    public RateLimit connectionRateLimit(EventClass eventClass) { return connectionRateLimits.get(eventClass); }
    public RateLimit addressRateLimit(EventClass eventClass) { return addressRateLimits.get(eventClass); }
    public RateLimit rateLimitStrikes() { return rateLimitStrikes; }
    public RateLimit addressConnectionRateLimit() { return addressConnectionRateLimit; }
    public RateLimit addressHttpRateLimit() { return addressHttpRateLimit; }
    public int abuseClosesBeforeCooldown() { return abuseClosesBeforeCooldown; }
    public Duration abuseCooldown() { return abuseCooldown; }

    private static int positive(PeerShareSetting<Integer> setting, int value) {
        if (value < 1) {
            throw new InvalidSettingException(setting, " must be at least 1, was " + value);
        }
        return value;
    }

    private static long positiveBytes(PeerShareSetting<Long> setting, long value) {
        if (value < 1) {
            throw new InvalidSettingException(setting, " must be at least 1 byte, was " + value);
        }
        return value;
    }

    private static Duration positive(PeerShareSetting<Duration> setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(setting, " must be a positive duration, was " + value);
        }
        return value;
    }

    /** {@code value}; or when it is the mark {@code share}, that share of the maximum heap, at least {@code floor}. */
    private static long orHeapShare(long value, long share, long floor) {
        return value == share ? Math.max(floor, Runtime.getRuntime().maxMemory() / -share) : value;
    }

    private static long atLeast(PeerShareSetting<Long> total, long value, PeerShareSetting<Integer> bound, int floor) {
        if (value < floor) {
            throw new InvalidSettingException(total, " (" + value + ") must be at least ", bound, " (" + floor + ")");
        }
        return value;
    }

    /** Builds a {@link PeerShareConfig}; every setting starts at its documented default. */
    public static final class Builder {
        // Networks and their history
        private NetworkPolicy networkPolicy = NetworkPolicy.ADDRESS_AND_NAME;
        private int maxUsersPerNetwork = 100;
        private Duration messageRetention = Duration.ofHours(24);
        private int maxHistoryMessages = 1000;
        private int maxSystemMessages = 100;
        private int maxHistoryBytesPerNetwork = 1024 * 1024;
        private long maxHistoryBytesTotal = HEAP_EIGHTH;
        private int maxNetworksPerAddress = 64;
        private Duration emptyNetworkRetention = Duration.ofHours(1);
        private Duration resumeGrace = Duration.ofSeconds(15);
        // What one frame may hold
        private int maxNetworkNameLength = 50;
        private int maxUserNameLength = 30;
        private int maxMessageLength = 2000;
        private int maxFileNameLength = 255;
        private int maxSignalSize = 64 * 1024;
        private int maxFrameSize = 96 * 1024;
        // Transfers
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private int maxTransfersPerPeer = 5;
        private Duration transferRequestTimeout = Duration.ofSeconds(60);
        // The relay through the server
        private boolean relayEnabled;
        private int relaysPerPeer = 2;
        private long relayBytesPerAddressPerDay = 1024L * 1024 * 1024;
        private long relayBytesPerSecond = 5L * 1024 * 1024;
        // Heartbeats and housekeeping
        private Duration heartbeatInterval = Duration.ofSeconds(25);
        private Duration heartbeatTimeout = Duration.ofSeconds(60);
        private Duration sweepInterval = Duration.ofSeconds(5);
        private Duration cleanupInterval = Duration.ofMinutes(1);
        // Connections and slow readers
        private int maxConnectionsPerAddress = 256;
        private int maxOutboundBytes = 4 * 1024 * 1024;
        private long maxOutboundBytesTotal = HEAP_QUARTER;
        // Client addresses behind proxies
        private List<String> trustedProxies = List.of();
        private ForwardedHeader trustedProxyHeader = ForwardedHeader.X_FORWARDED_FOR;
        // STUN and TURN
        private List<IceServer> iceServers = List.of();
        private TurnCredentials turnCredentials;
        // Rate limits and abuse
        private final EnumMap<EventClass, RateLimit> connectionRateLimits = new EnumMap<>(Map.of(
                EventClass.JOIN, RateLimit.of(0.5, 10),
                EventClass.CHAT, RateLimit.of(5, 20),
                EventClass.SIGNAL, RateLimit.of(100, 400),
                EventClass.TRANSFER, RateLimit.of(20, 60),
                EventClass.CONTROL, RateLimit.of(5, 20)));
        private final EnumMap<EventClass, RateLimit> addressRateLimits = new EnumMap<>(Map.of(
                EventClass.JOIN, RateLimit.of(10, 200),
                EventClass.CHAT, RateLimit.of(100, 400),
                EventClass.SIGNAL, RateLimit.of(5_000, 20_000),
                EventClass.TRANSFER, RateLimit.of(500, 2_000),
                EventClass.CONTROL, RateLimit.of(200, 1_000)));
        private RateLimit rateLimitStrikes = RateLimit.of(1, 30);
        private RateLimit addressConnectionRateLimit = RateLimit.of(10, 100);
        private RateLimit addressHttpRateLimit = RateLimit.of(20, 200);
        private int abuseClosesBeforeCooldown = 3;
        private Duration abuseCooldown = Duration.ofSeconds(60);

        private Builder() {
        }

        private Builder(PeerShareConfig config) {
            PeerShareSetting.all().forEach(setting -> copy(setting, config));
        }

        private <T> void copy(PeerShareSetting<T> setting, PeerShareConfig config) {
            setting.set(this, setting.valueIn(config));
        }

        // --- Networks and their history

        /** Which network a join lands in (reference server: {@code NETWORK_POLICY}); default {@link NetworkPolicy#ADDRESS_AND_NAME}. */
        public Builder networkPolicy(NetworkPolicy value) { networkPolicy = value; return this; }

        /** Most users in one network (reference server: {@code MAX_USERS_PER_NETWORK}); default 100. */
        public Builder maxUsersPerNetwork(int value) { maxUsersPerNetwork = value; return this; }

        /** How long chat messages are kept (reference server: {@code MESSAGE_RETENTION_HOURS}); default 24 hours. */
        public Builder messageRetention(Duration value) { messageRetention = value; return this; }

        /** Most users' chat messages kept per network (reference server: {@code MAX_HISTORY_MESSAGES}); default 1000. */
        public Builder maxHistoryMessages(int value) { maxHistoryMessages = value; return this; }

        /**
         * Most system messages (joins, leaves, renames) kept per network, apart from users' messages, so that people
         * coming and going never push the conversation out of the history (reference server:
         * {@code MAX_SYSTEM_MESSAGES}); default 100.
         */
        public Builder maxSystemMessages(int value) { maxSystemMessages = value; return this; }

        /**
         * Most bytes of history one network keeps, users' and system messages together, as the messages take in
         * memory (two bytes a character, plus a fixed overhead a message); past it the oldest messages go first
         * (reference server: {@code MAX_HISTORY_BYTES_PER_NETWORK}); default 1 MiB.
         */
        public Builder maxHistoryBytesPerNetwork(int value) { maxHistoryBytesPerNetwork = value; return this; }

        /**
         * Most bytes of history all networks together keep; past it the history of networks nobody is in goes first,
         * the one left longest ago first, then the oldest messages of the networks that hold the most (reference
         * server: {@code MAX_HISTORY_BYTES_TOTAL}); default an eighth of the maximum heap. Applies to the default
         * in-memory store; a store of the host's own keeps its own bounds.
         */
        public Builder maxHistoryBytesTotal(long value) { maxHistoryBytesTotal = value; return this; }

        /**
         * Most networks one client address (IPv6 per /64) may keep in the table at once, counting those it made and
         * left that still keep their history; when it would pass it, its network left longest ago is dropped with its
         * history, and if it has none empty the join is refused with {@code TOO_MANY_NETWORKS} (reference server:
         * {@code MAX_NETWORKS_PER_ADDRESS}); default 64.
         */
        public Builder maxNetworksPerAddress(int value) { maxNetworksPerAddress = value; return this; }

        /**
         * How long a network nobody is in keeps its history before both are dropped (reference server:
         * {@code EMPTY_NETWORK_RETENTION_MINUTES}); default 1 hour. Bounds what networks made and left cost.
         */
        public Builder emptyNetworkRetention(Duration value) { emptyNetworkRetention = value; return this; }

        /**
         * How long a peer whose connection dropped without leaving stays in its network, shown away, waiting to
         * {@code resume} on a new connection (reference server: {@code RESUME_GRACE_SECONDS}); default 15 seconds,
         * enough for a phone to switch networks or a page to reload. Zero turns resuming off: a drop is a leave.
         */
        public Builder resumeGrace(Duration value) { resumeGrace = value; return this; }

        // --- What one frame may hold: the protocol's limits, which clients are told on join

        /** Longest network name, in characters (grapheme clusters); default 50. */
        public Builder maxNetworkNameLength(int value) { maxNetworkNameLength = value; return this; }

        /** Longest user name, in characters (grapheme clusters); default 30. */
        public Builder maxUserNameLength(int value) { maxUserNameLength = value; return this; }

        /** Longest chat message, in characters (grapheme clusters); default 2000. */
        public Builder maxMessageLength(int value) { maxMessageLength = value; return this; }

        /** Longest file name, in characters (grapheme clusters); default 255. */
        public Builder maxFileNameLength(int value) { maxFileNameLength = value; return this; }

        /** Largest WebRTC signal object, in bytes of JSON as the client sent it; default 64 KiB. */
        public Builder maxSignalSize(int value) { maxSignalSize = value; return this; }

        /** Largest frame the engine reads, in bytes of UTF-8; default 96 KiB. Must exceed {@code maxSignalSize}. */
        public Builder maxFrameSize(int value) { maxFrameSize = value; return this; }

        // --- Transfers

        /** Largest file a transfer may announce, in bytes (reference server: {@code MAX_FILE_SIZE}); default 100 MiB. */
        public Builder maxFileSize(long value) { maxFileSize = value; return this; }

        /** Most active (pending or accepted) transfers one peer may take part in (reference server: {@code MAX_TRANSFERS_PER_PEER}); default 5. */
        public Builder maxTransfersPerPeer(int value) { maxTransfersPerPeer = value; return this; }

        /** How long a transfer request may wait for an answer (reference server: {@code TRANSFER_REQUEST_TIMEOUT_SECONDS}); default 60 s. */
        public Builder transferRequestTimeout(Duration value) { transferRequestTimeout = value; return this; }

        // --- The relay through the server, for transfers whose direct connection cannot form (docs/protocol.md)

        /** Whether the server relays transfers whose peers ask it to; default off: an embedder turns it on. */
        public Builder relayEnabled(boolean value) { relayEnabled = value; return this; }

        /** Most relays one peer may have open at once, as sender or receiver; default 2. */
        public Builder relaysPerPeer(int value) { relaysPerPeer = value; return this; }

        /** Bytes the peers of one address may relay in a day (UTC), sent and received; default 1 GiB. */
        public Builder relayBytesPerAddressPerDay(long value) { relayBytesPerAddressPerDay = value; return this; }

        /** The server's relay bandwidth, all relays together, in bytes a second; default 5 MiB (40 Mbit/s). */
        public Builder relayBytesPerSecond(long value) { relayBytesPerSecond = value; return this; }

        // --- Heartbeats and housekeeping

        /** How often clients are told to send a heartbeat (reference server: {@code HEARTBEAT_INTERVAL_SECONDS}); default 25 s. */
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }

        /** A connection silent for longer is closed (reference server: {@code HEARTBEAT_TIMEOUT_SECONDS}); default 60 s. */
        public Builder heartbeatTimeout(Duration value) { heartbeatTimeout = value; return this; }

        /** How often heartbeat and transfer timeouts are checked; default 5 s. */
        public Builder sweepInterval(Duration value) { sweepInterval = value; return this; }

        /** How often expired history, empty networks and idle rate-limit state are purged; default 1 minute. */
        public Builder cleanupInterval(Duration value) { cleanupInterval = value; return this; }

        // --- Connections and slow readers

        /**
         * Most connections one client address may hold open (IPv6 per /64); a further one is closed with
         * {@link io.peershare.protocol.CloseCodes#TOO_MANY_CONNECTIONS} (reference server:
         * {@code MAX_CONNECTIONS_PER_ADDRESS}); default 256, a household or an office behind one address.
         */
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }

        /**
         * Most bytes that may wait for one client that reads slowly; a frame that would pass it closes the client with
         * {@link io.peershare.protocol.CloseCodes#SLOW_CONSUMER} (reference server: {@code MAX_OUTBOUND_PER_CONNECTION});
         * default 4 MiB, room for a full chat history. A frame to a client with nothing waiting always goes.
         */
        public Builder maxOutboundBytes(int value) { maxOutboundBytes = value; return this; }

        /**
         * Most bytes that may wait for slow clients across all connections together; past it, a frame that would have
         * to wait closes its client with {@link io.peershare.protocol.CloseCodes#SLOW_CONSUMER} (reference server:
         * {@code MAX_OUTBOUND_TOTAL}); default a quarter of the maximum heap. See {@link OutboundBudget}.
         */
        public Builder maxOutboundBytesTotal(long value) { maxOutboundBytesTotal = value; return this; }

        // --- Client addresses behind proxies

        /**
         * Proxies whose forwarding header ({@link #trustedProxyHeader}) is believed, as addresses or CIDR ranges
         * (reference server: {@code TRUSTED_PROXIES}, comma-separated); default none.
         */
        public Builder trustedProxies(List<String> value) { trustedProxies = List.copyOf(value); return this; }

        /**
         * The one header trusted proxies name the client in; the other is never read (reference server:
         * {@code TRUSTED_PROXY_HEADER}); default {@link ForwardedHeader#X_FORWARDED_FOR}.
         */
        public Builder trustedProxyHeader(ForwardedHeader value) { trustedProxyHeader = value; return this; }

        // --- STUN and TURN

        /** STUN/TURN servers handed to clients on join (reference server: {@code ICE_SERVERS}, a JSON array); default none. */
        public Builder iceServers(List<IceServer> value) { iceServers = List.copyOf(value); return this; }

        /** TURN servers with a shared secret, whose credentials are made per connection; {@code null} for none. */
        public Builder turnCredentials(TurnCredentials value) { turnCredentials = value; return this; }

        // --- Rate limits and abuse

        /** The rate limit for one connection's events of one class (reference server: {@code RATE_LIMIT_<CLASS>}). */
        public Builder connectionRateLimit(EventClass eventClass, RateLimit limit) {
            connectionRateLimits.put(Objects.requireNonNull(eventClass), Objects.requireNonNull(limit));
            return this;
        }

        /** The rate limit for all connections from one client address (reference server: {@code ADDRESS_RATE_LIMIT_<CLASS>}). */
        public Builder addressRateLimit(EventClass eventClass, RateLimit limit) {
            addressRateLimits.put(Objects.requireNonNull(eventClass), Objects.requireNonNull(limit));
            return this;
        }

        /**
         * How many rate-limited frames a connection may send before it is closed with
         * {@link io.peershare.protocol.CloseCodes#RATE_LIMIT_ABUSE}; default 30 at once, forgiven at 1 a second.
         */
        public Builder rateLimitStrikes(RateLimit value) { rateLimitStrikes = value; return this; }

        /**
         * New connections one client address (IPv6 per /64) may open, handshaken ones, as a token bucket; one more is
         * closed with {@link io.peershare.protocol.CloseCodes#TRY_AGAIN_LATER} (reference server:
         * {@code ADDRESS_CONNECTION_RATE_LIMIT}); default 10 a second with a burst of 100, room for a household
         * reconnecting at once after a restart.
         */
        public Builder addressConnectionRateLimit(RateLimit value) { addressConnectionRateLimit = value; return this; }

        /**
         * HTTP requests one client address may make of a host's endpoints beside the engine (health, statistics,
         * metrics, pages), through {@link PeerShare#tryHttpRequest}; past it a request is answered 429, and an
         * address that goes on past its strikes is treated as abusive (reference server:
         * {@code ADDRESS_HTTP_RATE_LIMIT}); default 20 a second with a burst of 200.
         */
        public Builder addressHttpRateLimit(RateLimit value) { addressHttpRateLimit = value; return this; }

        /**
         * How many closes for abuse (4008 for rate limits, and 1009, 1003, 1007, 1002 for frames no client sends)
         * one client address may earn within {@link #abuseCooldown} before it cools down (reference server:
         * {@code ABUSE_CLOSES_BEFORE_COOLDOWN}); default 3.
         */
        public Builder abuseClosesBeforeCooldown(int value) { abuseClosesBeforeCooldown = value; return this; }

        /**
         * How long an address that earned too many closes for abuse may not connect (its sockets are closed when
         * accepted, its handshakes with {@link io.peershare.protocol.CloseCodes#TRY_AGAIN_LATER}), and the window
         * those closes are counted in (reference server: {@code ABUSE_COOLDOWN_SECONDS}); default 60 seconds.
         */
        public Builder abuseCooldown(Duration value) { abuseCooldown = value; return this; }

        /** Validates and builds; throws {@link InvalidSettingException} naming the first bad setting. */
        public PeerShareConfig build() {
            return new PeerShareConfig(this);
        }
    }
}
