package io.peershare.spring;

import io.peershare.AllowedOrigins;
import io.peershare.config.ForwardedHeader;
import io.peershare.config.IceServer;
import io.peershare.config.InvalidSettingException;
import io.peershare.config.NetworkPolicy;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.TurnCredentials;
import io.peershare.model.EventClass;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * PeerShare's settings in a Spring Boot application, under {@code peershare.*}: the reference server's environment
 * variables in Boot's conventions (relaxed binding, durations such as {@code 24h}, sizes such as {@code 100MB}, where
 * {@code MB} means 2<sup>20</sup> bytes as everywhere in Spring). A property that is an engine setting ({@link
 * EngineProperty} names each once) is {@code null} until set, and unset keeps the engine's default, so that no default
 * is written here again; the defaults IDEs show come from additional-spring-configuration-metadata.json, which a test
 * holds to the engine's.
 */
@ConfigurationProperties("peershare")
public class PeerShareProperties {

    /** Whether the PeerShare endpoint is served. */
    private boolean enabled = true;

    /** Where the WebSocket endpoint is served, below the application's context path. */
    private String path = "/ws";

    /**
     * Browser origins allowed to open a WebSocket, such as https://share.example.com; any other Origin gets 403 at
     * the handshake. Empty: any origin, with a warning at start-up (for development).
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Refuse handshakes without an Origin header; browsers always send one, other clients could claim any. */
    private boolean requireOrigin = false;

    /**
     * How networks are formed: address-and-name (same public address and same name), name (name only: trusted
     * LANs), address (everyone behind one public address). Unset: the engine's default.
     */
    private NetworkPolicy networkPolicy;

    /** Members per network. Unset: the engine's default. */
    private Integer maxUsersPerNetwork;

    /** How long chat history is kept. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.HOURS)
    private Duration messageRetention;

    /** Users' messages kept per network. Unset: the engine's default. */
    private Integer maxHistoryMessages;

    /** Join and leave notices kept per network, apart from users' messages. Unset: the engine's default. */
    private Integer maxSystemMessages;

    /**
     * Bytes of history one network keeps (two a character, and a fixed overhead a message); past it, its oldest go.
     * Unset: the engine's default.
     */
    private DataSize maxHistoryBytesPerNetwork;

    /**
     * Bytes of history all networks keep together; past it the history of networks nobody is in goes first. Unset: an
     * eighth of the heap.
     */
    private DataSize maxHistoryBytesTotal;

    /**
     * Networks one client address (IPv6 per /64) may keep, those it left that still hold history included. Unset: the
     * engine's default.
     */
    private Integer maxNetworksPerAddress;

    /** A network nobody is in keeps its history this long. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration emptyNetworkRetention;

    /** Largest file a transfer may announce. Unset: the engine's default. */
    private DataSize maxFileSize;

    /** Concurrent transfers a peer may take part in. Unset: the engine's default. */
    private Integer maxTransfersPerPeer;

    /** An unanswered transfer request fails after this. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration transferRequestTimeout;

    /** Relay transfers whose direct connection cannot form through the server; unset: off. */
    private Boolean relayEnabled;

    /** Relays one peer may have open at once, as sender or receiver; unset: 2. */
    private Integer relaysPerPeer;

    /** Bytes the peers of one address may relay in a day (UTC), sent and received; unset: 1 GiB. */
    private DataSize relayQuotaPerAddressPerDay;

    /** The server's relay bandwidth, in bytes a second, all relays together; unset: 5 MiB. */
    private DataSize relayBandwidth;

    /** How often clients are told to send a heartbeat. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration heartbeatInterval;

    /** A connection silent this long is closed with 4000; longer than the heartbeat interval. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration heartbeatTimeout;

    /**
     * A client whose connection dropped stays in its network, shown away, this long and may resume; 0: a drop is a
     * leave. Unset: the engine's default.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration resumeGrace;

    /** Connections one client address (IPv6 per /64) may hold; trusted proxies are exempt. Unset: the engine's default. */
    private Integer maxConnectionsPerAddress;

    /** Bytes that may wait for one slowly reading client before it is closed with 4009. Unset: the engine's default. */
    private DataSize maxOutboundPerConnection;

    /** Bytes that may wait for slow clients across all connections. Unset: a quarter of the heap. */
    private DataSize maxOutboundTotal;

    /**
     * Reverse proxies (IP addresses or CIDR ranges) whose forwarding header is believed. The container's own
     * remote-IP support (server.forward-headers-strategy=native) does the same job; either one is enough. Unset: none.
     */
    private List<String> trustedProxies;

    /**
     * The one header the trusted proxies name the client in: x-forwarded-for or forwarded (RFC 7239). Unset: the
     * engine's default.
     */
    private ForwardedHeader trustedProxyHeader;

    /** STUN/TURN servers handed to clients on join. Unset: none. */
    private List<IceServerProperties> iceServers;

    /** TURN servers sharing a secret with this application: each connection gets its own short-lived credentials. */
    private final Turn turn = new Turn();

    /**
     * Per-connection rate limits by event class (join, chat, signal, transfer, control), as PER_SECOND,BURST. A class
     * left out keeps the engine's default.
     */
    private Map<EventClass, String> rateLimits = new EnumMap<>(EventClass.class);

    /**
     * Rate limits of one client address (IPv6 per /64) by event class, as PER_SECOND,BURST. A class left out keeps the
     * engine's default.
     */
    private Map<EventClass, String> addressRateLimits = new EnumMap<>(EventClass.class);

    /**
     * New connections one client address may open, as PER_SECOND,BURST; one more is closed with 1013. Unset: the
     * engine's default.
     */
    private String addressConnectionRateLimit;

    /**
     * HTTP requests one client address may make of the starter's own endpoints, as PER_SECOND,BURST. Unset: the
     * engine's default.
     */
    private String addressHttpRateLimit;

    /**
     * Closes for abuse (4008, 1009, 1003, 1007, 1002) one client address may earn before it cools down. Unset: the
     * engine's default.
     */
    private Integer abuseClosesBeforeCooldown;

    /** How long an address that earned too many closes for abuse may not connect. Unset: the engine's default. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration abuseCooldown;

    /** On shutdown, how long the health contributor reports draining before clients are closed. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration shutdownDrain = Duration.ZERO;

    /** On shutdown, how long to wait for clients to close after they were sent 1001. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Joining a cluster of nodes that share one Redis. */
    private final Redis redis = new Redis();

    /** Socket.IO clients (socket.io-client 4, with transports: ["websocket"]) beside the JSON endpoint. */
    private final SocketIo socketIo = new SocketIo();

    /** {@code allowed-origins} (any when empty) and {@code require-origin}, as every endpoint applies them. */
    AllowedOrigins toAllowedOrigins() {
        return AllowedOrigins.onlyOrAnyIfEmpty(allowedOrigins).requireOrigin(requireOrigin);
    }

    /** The engine's settings these properties describe; what is unset keeps the engine's default. */
    PeerShareConfig toEngineConfig() {
        PeerShareConfig.Builder engine = PeerShareConfig.builder();
        EngineProperty.ALL.forEach(property -> property.applyTo(this, engine));
        if (!turn.urls.isEmpty() || turn.secret != null) {
            if (turn.urls.isEmpty() || turn.secret == null) {
                throw new IllegalArgumentException("peershare.turn.urls and peershare.turn.secret go together: set both,"
                        + " or neither");
            }
            engine.turnCredentials(new TurnCredentials(turn.urls, turn.secret, turn.credentialTtl));
        }
        try {
            return engine.build();
        } catch (InvalidSettingException refused) {
            throw new IllegalArgumentException("PeerShare cannot start with these peershare.* properties: "
                    + refused.getMessage(EngineProperty::nameOf), refused);
        }
    }

    /** One STUN or TURN server. */
    public static class IceServerProperties {

        /** stun:, turn: or turns: URLs of one server. */
        private List<String> urls = new ArrayList<>();

        /** TURN user name; none for STUN. */
        private String username;

        /** TURN credential; none for STUN. */
        private String credential;

        IceServer toIceServer() {
            return new IceServer(urls, username, credential);
        }

        public List<String> getUrls() { return urls; }
        public void setUrls(List<String> urls) { this.urls = urls; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getCredential() { return credential; }
        public void setCredential(String credential) { this.credential = credential; }
    }

    /** TURN servers sharing a secret with this application (coturn's use-auth-secret). */
    public static class Turn {

        /** turn: or turns: URLs of the servers. */
        private List<String> urls = new ArrayList<>();

        /** The shared secret (static-auth-secret); it never leaves this application. */
        private String secret;

        /** How long each connection's credentials are valid. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration credentialTtl = Duration.ofHours(24);

        public List<String> getUrls() { return urls; }
        public void setUrls(List<String> urls) { this.urls = urls; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public Duration getCredentialTtl() { return credentialTtl; }
        public void setCredentialTtl(Duration credentialTtl) { this.credentialTtl = credentialTtl; }
    }

    /**
     * A cluster through Redis: on when {@code url} is set, or when {@code enabled} is and the application has a
     * Lettuce connection factory (Spring Data Redis), whose Redis and I/O threads are then shared.
     */
    public static class Redis {

        /** Join the cluster through the application's own Redis connection factory. */
        private boolean enabled = false;

        /** redis:// or rediss:// URL of the Redis the nodes share; takes precedence over the application's factory. */
        private String url;

        /** This node's id in the cluster; unset: a random one. */
        private String nodeId;

        boolean joinsCluster() {
            return enabled || (url != null && !url.isBlank());
        }

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getNodeId() { return nodeId; }
        public void setNodeId(String nodeId) { this.nodeId = nodeId; }
    }

    /** Socket.IO clients on the same engine, over Engine.IO's WebSocket transport. */
    public static class SocketIo {

        /** Whether Socket.IO clients are served. */
        private boolean enabled = true;

        /** Where Socket.IO clients connect, below the application's context path. */
        private String path = "/socket.io/";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getPath() { return path; }
        public void setPath(String path) { this.path = path; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public List<String> getAllowedOrigins() { return allowedOrigins; }
    public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
    public boolean isRequireOrigin() { return requireOrigin; }
    public void setRequireOrigin(boolean requireOrigin) { this.requireOrigin = requireOrigin; }
    public NetworkPolicy getNetworkPolicy() { return networkPolicy; }
    public void setNetworkPolicy(NetworkPolicy networkPolicy) { this.networkPolicy = networkPolicy; }
    public Integer getMaxUsersPerNetwork() { return maxUsersPerNetwork; }
    public void setMaxUsersPerNetwork(Integer maxUsersPerNetwork) { this.maxUsersPerNetwork = maxUsersPerNetwork; }
    public Duration getMessageRetention() { return messageRetention; }
    public void setMessageRetention(Duration messageRetention) { this.messageRetention = messageRetention; }
    public Integer getMaxHistoryMessages() { return maxHistoryMessages; }
    public void setMaxHistoryMessages(Integer maxHistoryMessages) { this.maxHistoryMessages = maxHistoryMessages; }
    public Integer getMaxSystemMessages() { return maxSystemMessages; }
    public void setMaxSystemMessages(Integer maxSystemMessages) { this.maxSystemMessages = maxSystemMessages; }
    public DataSize getMaxHistoryBytesPerNetwork() { return maxHistoryBytesPerNetwork; }
    public void setMaxHistoryBytesPerNetwork(DataSize value) { this.maxHistoryBytesPerNetwork = value; }
    public DataSize getMaxHistoryBytesTotal() { return maxHistoryBytesTotal; }
    public void setMaxHistoryBytesTotal(DataSize value) { this.maxHistoryBytesTotal = value; }
    public Integer getMaxNetworksPerAddress() { return maxNetworksPerAddress; }
    public void setMaxNetworksPerAddress(Integer value) { this.maxNetworksPerAddress = value; }
    public String getAddressConnectionRateLimit() { return addressConnectionRateLimit; }
    public void setAddressConnectionRateLimit(String value) { this.addressConnectionRateLimit = value; }
    public String getAddressHttpRateLimit() { return addressHttpRateLimit; }
    public void setAddressHttpRateLimit(String value) { this.addressHttpRateLimit = value; }
    public Integer getAbuseClosesBeforeCooldown() { return abuseClosesBeforeCooldown; }
    public void setAbuseClosesBeforeCooldown(Integer value) { this.abuseClosesBeforeCooldown = value; }
    public Duration getAbuseCooldown() { return abuseCooldown; }
    public void setAbuseCooldown(Duration value) { this.abuseCooldown = value; }
    public Duration getEmptyNetworkRetention() { return emptyNetworkRetention; }
    public void setEmptyNetworkRetention(Duration value) { this.emptyNetworkRetention = value; }
    public DataSize getMaxFileSize() { return maxFileSize; }
    public void setMaxFileSize(DataSize maxFileSize) { this.maxFileSize = maxFileSize; }
    public Boolean getRelayEnabled() { return relayEnabled; }
    public void setRelayEnabled(Boolean value) { this.relayEnabled = value; }
    public Integer getRelaysPerPeer() { return relaysPerPeer; }
    public void setRelaysPerPeer(Integer value) { this.relaysPerPeer = value; }
    public DataSize getRelayQuotaPerAddressPerDay() { return relayQuotaPerAddressPerDay; }
    public void setRelayQuotaPerAddressPerDay(DataSize value) { this.relayQuotaPerAddressPerDay = value; }
    public DataSize getRelayBandwidth() { return relayBandwidth; }
    public void setRelayBandwidth(DataSize value) { this.relayBandwidth = value; }
    public Integer getMaxTransfersPerPeer() { return maxTransfersPerPeer; }
    public void setMaxTransfersPerPeer(Integer maxTransfersPerPeer) { this.maxTransfersPerPeer = maxTransfersPerPeer; }
    public Duration getTransferRequestTimeout() { return transferRequestTimeout; }
    public void setTransferRequestTimeout(Duration value) { this.transferRequestTimeout = value; }
    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration heartbeatInterval) { this.heartbeatInterval = heartbeatInterval; }
    public Duration getHeartbeatTimeout() { return heartbeatTimeout; }
    public void setHeartbeatTimeout(Duration heartbeatTimeout) { this.heartbeatTimeout = heartbeatTimeout; }
    public Duration getResumeGrace() { return resumeGrace; }
    public void setResumeGrace(Duration resumeGrace) { this.resumeGrace = resumeGrace; }
    public Integer getMaxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    public void setMaxConnectionsPerAddress(Integer value) { this.maxConnectionsPerAddress = value; }
    public DataSize getMaxOutboundPerConnection() { return maxOutboundPerConnection; }
    public void setMaxOutboundPerConnection(DataSize value) { this.maxOutboundPerConnection = value; }
    public DataSize getMaxOutboundTotal() { return maxOutboundTotal; }
    public void setMaxOutboundTotal(DataSize maxOutboundTotal) { this.maxOutboundTotal = maxOutboundTotal; }
    public List<String> getTrustedProxies() { return trustedProxies; }
    public void setTrustedProxies(List<String> trustedProxies) { this.trustedProxies = trustedProxies; }
    public ForwardedHeader getTrustedProxyHeader() { return trustedProxyHeader; }
    public void setTrustedProxyHeader(ForwardedHeader value) { this.trustedProxyHeader = value; }
    public List<IceServerProperties> getIceServers() { return iceServers; }
    public void setIceServers(List<IceServerProperties> iceServers) { this.iceServers = iceServers; }
    public Turn getTurn() { return turn; }
    public Map<EventClass, String> getRateLimits() { return rateLimits; }
    public void setRateLimits(Map<EventClass, String> rateLimits) { this.rateLimits = rateLimits; }
    public Map<EventClass, String> getAddressRateLimits() { return addressRateLimits; }
    public void setAddressRateLimits(Map<EventClass, String> value) { this.addressRateLimits = value; }
    public Duration getShutdownDrain() { return shutdownDrain; }
    public void setShutdownDrain(Duration shutdownDrain) { this.shutdownDrain = shutdownDrain; }
    public Duration getShutdownTimeout() { return shutdownTimeout; }
    public void setShutdownTimeout(Duration shutdownTimeout) { this.shutdownTimeout = shutdownTimeout; }
    public Redis getRedis() { return redis; }
    public SocketIo getSocketIo() { return socketIo; }
}
