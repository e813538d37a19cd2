package io.peershare.config;

import io.peershare.model.EventClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One of the engine's settings, named once. Its {@link #key()} is the {@link PeerShareConfig.Builder} method that sets
 * it; {@link PeerShareConfig} holds its default and its documentation. A host that reads settings from elsewhere
 * (environment variables, Spring properties, context parameters) maps each setting to its own name, leaves an unset
 * one to the engine's default, and names the setting in its own spelling when {@link InvalidSettingException#setting()}
 * says which one was refused.
 *
 * <pre>{@code
 * long defaultMaxFileSize = PeerShareSetting.MAX_FILE_SIZE.valueIn(PeerShareConfig.defaults());
 * PeerShareSetting.MAX_FILE_SIZE.set(builder, 500L * 1024 * 1024);
 * }</pre>
 *
 * @param <T> the type of the setting's value, as its builder method takes it
 */
public final class PeerShareSetting<T> {

    /** In declaration order; filled by {@link #of} as the constants below are made, so it is declared first. */
    private static final List<PeerShareSetting<?>> ALL = new ArrayList<>();

    // Networks and their history
    public static final PeerShareSetting<NetworkPolicy> NETWORK_POLICY =
            of("networkPolicy", PeerShareConfig::networkPolicy, PeerShareConfig.Builder::networkPolicy);
    public static final PeerShareSetting<Integer> MAX_USERS_PER_NETWORK =
            of("maxUsersPerNetwork", PeerShareConfig::maxUsersPerNetwork, PeerShareConfig.Builder::maxUsersPerNetwork);
    public static final PeerShareSetting<Duration> MESSAGE_RETENTION =
            of("messageRetention", PeerShareConfig::messageRetention, PeerShareConfig.Builder::messageRetention);
    public static final PeerShareSetting<Integer> MAX_HISTORY_MESSAGES =
            of("maxHistoryMessages", PeerShareConfig::maxHistoryMessages, PeerShareConfig.Builder::maxHistoryMessages);
    public static final PeerShareSetting<Integer> MAX_SYSTEM_MESSAGES =
            of("maxSystemMessages", PeerShareConfig::maxSystemMessages, PeerShareConfig.Builder::maxSystemMessages);
    public static final PeerShareSetting<Integer> MAX_HISTORY_BYTES_PER_NETWORK = of("maxHistoryBytesPerNetwork",
            PeerShareConfig::maxHistoryBytesPerNetwork, PeerShareConfig.Builder::maxHistoryBytesPerNetwork);
    public static final PeerShareSetting<Long> MAX_HISTORY_BYTES_TOTAL = of("maxHistoryBytesTotal",
            PeerShareConfig::maxHistoryBytesTotal, PeerShareConfig.Builder::maxHistoryBytesTotal);
    public static final PeerShareSetting<Integer> MAX_NETWORKS_PER_ADDRESS = of("maxNetworksPerAddress",
            PeerShareConfig::maxNetworksPerAddress, PeerShareConfig.Builder::maxNetworksPerAddress);
    public static final PeerShareSetting<Duration> EMPTY_NETWORK_RETENTION = of("emptyNetworkRetention",
            PeerShareConfig::emptyNetworkRetention, PeerShareConfig.Builder::emptyNetworkRetention);
    public static final PeerShareSetting<Duration> RESUME_GRACE =
            of("resumeGrace", PeerShareConfig::resumeGrace, PeerShareConfig.Builder::resumeGrace);

    // What one frame may hold
    public static final PeerShareSetting<Integer> MAX_NETWORK_NAME_LENGTH = of("maxNetworkNameLength",
            PeerShareConfig::maxNetworkNameLength, PeerShareConfig.Builder::maxNetworkNameLength);
    public static final PeerShareSetting<Integer> MAX_USER_NAME_LENGTH =
            of("maxUserNameLength", PeerShareConfig::maxUserNameLength, PeerShareConfig.Builder::maxUserNameLength);
    public static final PeerShareSetting<Integer> MAX_MESSAGE_LENGTH =
            of("maxMessageLength", PeerShareConfig::maxMessageLength, PeerShareConfig.Builder::maxMessageLength);
    public static final PeerShareSetting<Integer> MAX_FILE_NAME_LENGTH =
            of("maxFileNameLength", PeerShareConfig::maxFileNameLength, PeerShareConfig.Builder::maxFileNameLength);
    public static final PeerShareSetting<Integer> MAX_SIGNAL_SIZE =
            of("maxSignalSize", PeerShareConfig::maxSignalSize, PeerShareConfig.Builder::maxSignalSize);
    public static final PeerShareSetting<Integer> MAX_FRAME_SIZE =
            of("maxFrameSize", PeerShareConfig::maxFrameSize, PeerShareConfig.Builder::maxFrameSize);

    // Transfers
    public static final PeerShareSetting<Long> MAX_FILE_SIZE =
            of("maxFileSize", PeerShareConfig::maxFileSize, PeerShareConfig.Builder::maxFileSize);
    public static final PeerShareSetting<Integer> MAX_TRANSFERS_PER_PEER = of("maxTransfersPerPeer",
            PeerShareConfig::maxTransfersPerPeer, PeerShareConfig.Builder::maxTransfersPerPeer);
    public static final PeerShareSetting<Duration> TRANSFER_REQUEST_TIMEOUT = of("transferRequestTimeout",
            PeerShareConfig::transferRequestTimeout, PeerShareConfig.Builder::transferRequestTimeout);

    // The relay through the server
    public static final PeerShareSetting<Boolean> RELAY_ENABLED =
            of("relayEnabled", PeerShareConfig::relayEnabled, PeerShareConfig.Builder::relayEnabled);
    public static final PeerShareSetting<Integer> RELAYS_PER_PEER =
            of("relaysPerPeer", PeerShareConfig::relaysPerPeer, PeerShareConfig.Builder::relaysPerPeer);
    public static final PeerShareSetting<Long> RELAY_BYTES_PER_ADDRESS_PER_DAY = of("relayBytesPerAddressPerDay",
            PeerShareConfig::relayBytesPerAddressPerDay, PeerShareConfig.Builder::relayBytesPerAddressPerDay);
    public static final PeerShareSetting<Long> RELAY_BYTES_PER_SECOND = of("relayBytesPerSecond",
            PeerShareConfig::relayBytesPerSecond, PeerShareConfig.Builder::relayBytesPerSecond);

    // Heartbeats and housekeeping
    public static final PeerShareSetting<Duration> HEARTBEAT_INTERVAL =
            of("heartbeatInterval", PeerShareConfig::heartbeatInterval, PeerShareConfig.Builder::heartbeatInterval);
    public static final PeerShareSetting<Duration> HEARTBEAT_TIMEOUT =
            of("heartbeatTimeout", PeerShareConfig::heartbeatTimeout, PeerShareConfig.Builder::heartbeatTimeout);
    public static final PeerShareSetting<Duration> SWEEP_INTERVAL =
            of("sweepInterval", PeerShareConfig::sweepInterval, PeerShareConfig.Builder::sweepInterval);
    public static final PeerShareSetting<Duration> CLEANUP_INTERVAL =
            of("cleanupInterval", PeerShareConfig::cleanupInterval, PeerShareConfig.Builder::cleanupInterval);

    // Connections and slow readers
    public static final PeerShareSetting<Integer> MAX_CONNECTIONS_PER_ADDRESS = of("maxConnectionsPerAddress",
            PeerShareConfig::maxConnectionsPerAddress, PeerShareConfig.Builder::maxConnectionsPerAddress);
    public static final PeerShareSetting<Integer> MAX_OUTBOUND_BYTES =
            of("maxOutboundBytes", PeerShareConfig::maxOutboundBytes, PeerShareConfig.Builder::maxOutboundBytes);
    public static final PeerShareSetting<Long> MAX_OUTBOUND_BYTES_TOTAL = of("maxOutboundBytesTotal",
            PeerShareConfig::maxOutboundBytesTotal, PeerShareConfig.Builder::maxOutboundBytesTotal);

    // Client addresses behind proxies
    public static final PeerShareSetting<List<String>> TRUSTED_PROXIES =
            of("trustedProxies", PeerShareConfig::trustedProxies, PeerShareConfig.Builder::trustedProxies);
    public static final PeerShareSetting<ForwardedHeader> TRUSTED_PROXY_HEADER =
            of("trustedProxyHeader", PeerShareConfig::trustedProxyHeader, PeerShareConfig.Builder::trustedProxyHeader);

    // STUN and TURN
    public static final PeerShareSetting<List<IceServer>> ICE_SERVERS =
            of("iceServers", PeerShareConfig::iceServers, PeerShareConfig.Builder::iceServers);
    public static final PeerShareSetting<TurnCredentials> TURN_CREDENTIALS =
            of("turnCredentials", PeerShareConfig::turnCredentials, PeerShareConfig.Builder::turnCredentials);

    // Rate limits and abuse
    private static final Map<EventClass, PeerShareSetting<RateLimit>> CONNECTION_RATE_LIMITS =
            perEventClass("connectionRateLimit", PeerShareConfig::connectionRateLimit,
                    PeerShareConfig.Builder::connectionRateLimit);
    private static final Map<EventClass, PeerShareSetting<RateLimit>> ADDRESS_RATE_LIMITS =
            perEventClass("addressRateLimit", PeerShareConfig::addressRateLimit,
                    PeerShareConfig.Builder::addressRateLimit);
    public static final PeerShareSetting<RateLimit> RATE_LIMIT_STRIKES =
            of("rateLimitStrikes", PeerShareConfig::rateLimitStrikes, PeerShareConfig.Builder::rateLimitStrikes);
    public static final PeerShareSetting<RateLimit> ADDRESS_CONNECTION_RATE_LIMIT = of("addressConnectionRateLimit",
            PeerShareConfig::addressConnectionRateLimit, PeerShareConfig.Builder::addressConnectionRateLimit);
    public static final PeerShareSetting<RateLimit> ADDRESS_HTTP_RATE_LIMIT = of("addressHttpRateLimit",
            PeerShareConfig::addressHttpRateLimit, PeerShareConfig.Builder::addressHttpRateLimit);
    public static final PeerShareSetting<Integer> ABUSE_CLOSES_BEFORE_COOLDOWN = of("abuseClosesBeforeCooldown",
            PeerShareConfig::abuseClosesBeforeCooldown, PeerShareConfig.Builder::abuseClosesBeforeCooldown);
    public static final PeerShareSetting<Duration> ABUSE_COOLDOWN =
            of("abuseCooldown", PeerShareConfig::abuseCooldown, PeerShareConfig.Builder::abuseCooldown);

    private final String key;
    private final Function<PeerShareConfig, T> getter;
    private final BiConsumer<PeerShareConfig.Builder, T> setter;

    private PeerShareSetting(String key, Function<PeerShareConfig, T> getter,
            BiConsumer<PeerShareConfig.Builder, T> setter) {
        this.key = key;
        this.getter = getter;
        this.setter = setter;
    }

    private static <T> PeerShareSetting<T> of(String key, Function<PeerShareConfig, T> getter,
            BiConsumer<PeerShareConfig.Builder, T> setter) {
        PeerShareSetting<T> setting = new PeerShareSetting<>(key, getter, setter);
        ALL.add(setting);
        return setting;
    }

    private interface PerEventClassGetter {
        RateLimit get(PeerShareConfig config, EventClass eventClass);
    }

    private interface PerEventClassSetter {
        PeerShareConfig.Builder set(PeerShareConfig.Builder builder, EventClass eventClass, RateLimit limit);
    }

    private static Map<EventClass, PeerShareSetting<RateLimit>> perEventClass(String key, PerEventClassGetter getter,
            PerEventClassSetter setter) {
        EnumMap<EventClass, PeerShareSetting<RateLimit>> settings = new EnumMap<>(EventClass.class);
        for (EventClass eventClass : EventClass.values()) {
            settings.put(eventClass, of(key + "(" + eventClass + ")", config -> getter.get(config, eventClass),
                    (builder, limit) -> setter.set(builder, eventClass, limit)));
        }
        return Collections.unmodifiableMap(settings);
    }

    /** The rate limit of one connection's events of {@code eventClass}. */
    public static PeerShareSetting<RateLimit> connectionRateLimit(EventClass eventClass) {
        return CONNECTION_RATE_LIMITS.get(Objects.requireNonNull(eventClass, "eventClass"));
    }

    /** The rate limit of the events of {@code eventClass} from one client address. */
    public static PeerShareSetting<RateLimit> addressRateLimit(EventClass eventClass) {
        return ADDRESS_RATE_LIMITS.get(Objects.requireNonNull(eventClass, "eventClass"));
    }

    /** Every setting, in the order above: grouped as {@link PeerShareConfig} groups them. */
    public static List<PeerShareSetting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * The name of the builder method that sets it, such as {@code maxFileSize}; for a rate limit of one event class,
     * with the class, such as {@code connectionRateLimit(CHAT)}. Stable: messages and front ends name it.
     */
    public String key() {
        return key;
    }

    /** This setting's value in {@code config}; {@code valueIn(PeerShareConfig.defaults())} is its default. */
    public T valueIn(PeerShareConfig config) {
        return getter.apply(config);
    }

    /** Sets this setting on {@code builder}, as its builder method does; checked when the builder builds. */
    public PeerShareConfig.Builder set(PeerShareConfig.Builder builder, T value) {
        setter.accept(builder, value);
        return builder;
    }

    @Override
    public String toString() {
        return key;
    }
}
