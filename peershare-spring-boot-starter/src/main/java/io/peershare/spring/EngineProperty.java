package io.peershare.spring;

import static io.peershare.config.PeerShareSetting.ABUSE_CLOSES_BEFORE_COOLDOWN;
import static io.peershare.config.PeerShareSetting.ABUSE_COOLDOWN;
import static io.peershare.config.PeerShareSetting.ADDRESS_CONNECTION_RATE_LIMIT;
import static io.peershare.config.PeerShareSetting.ADDRESS_HTTP_RATE_LIMIT;
import static io.peershare.config.PeerShareSetting.EMPTY_NETWORK_RETENTION;
import static io.peershare.config.PeerShareSetting.HEARTBEAT_INTERVAL;
import static io.peershare.config.PeerShareSetting.HEARTBEAT_TIMEOUT;
import static io.peershare.config.PeerShareSetting.ICE_SERVERS;
import static io.peershare.config.PeerShareSetting.MAX_CONNECTIONS_PER_ADDRESS;
import static io.peershare.config.PeerShareSetting.MAX_FILE_SIZE;
import static io.peershare.config.PeerShareSetting.MAX_HISTORY_BYTES_PER_NETWORK;
import static io.peershare.config.PeerShareSetting.MAX_HISTORY_BYTES_TOTAL;
import static io.peershare.config.PeerShareSetting.MAX_HISTORY_MESSAGES;
import static io.peershare.config.PeerShareSetting.MAX_NETWORKS_PER_ADDRESS;
import static io.peershare.config.PeerShareSetting.MAX_OUTBOUND_BYTES;
import static io.peershare.config.PeerShareSetting.MAX_OUTBOUND_BYTES_TOTAL;
import static io.peershare.config.PeerShareSetting.MAX_SYSTEM_MESSAGES;
import static io.peershare.config.PeerShareSetting.MAX_TRANSFERS_PER_PEER;
import static io.peershare.config.PeerShareSetting.MAX_USERS_PER_NETWORK;
import static io.peershare.config.PeerShareSetting.MESSAGE_RETENTION;
import static io.peershare.config.PeerShareSetting.NETWORK_POLICY;
import static io.peershare.config.PeerShareSetting.RELAYS_PER_PEER;
import static io.peershare.config.PeerShareSetting.RELAY_BYTES_PER_ADDRESS_PER_DAY;
import static io.peershare.config.PeerShareSetting.RELAY_BYTES_PER_SECOND;
import static io.peershare.config.PeerShareSetting.RELAY_ENABLED;
import static io.peershare.config.PeerShareSetting.RESUME_GRACE;
import static io.peershare.config.PeerShareSetting.TRANSFER_REQUEST_TIMEOUT;
import static io.peershare.config.PeerShareSetting.TRUSTED_PROXIES;
import static io.peershare.config.PeerShareSetting.TRUSTED_PROXY_HEADER;

import io.peershare.config.IceServer;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.PeerShareSetting;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;

/**
 * One engine setting as a {@code peershare.*} property, each written once in {@link #ALL}: the property's name, the
 * engine's setting, where {@link PeerShareProperties} holds the value and how it becomes the engine's. An unset
 * property is left to the engine's default; a refusal from the engine names the property through {@link #nameOf}.
 *
 * @param name     the property, such as {@code peershare.max-file-size}
 * @param setting  the engine's setting
 * @param value    the bound value; {@code null} when the property is unset
 * @param toEngine the value as the engine takes it; a value it cannot take throws with a message that completes
 *                 "the property ...", such as {@code must be PER_SECOND,BURST, such as 5,20; was 'fast'}
 */
record EngineProperty<V, T>(String name, PeerShareSetting<T> setting, Function<PeerShareProperties, V> value,
        Function<? super V, ? extends T> toEngine) {

    /** Every engine setting the starter offers, in {@link PeerShareSetting}'s order. */
    static final List<EngineProperty<?, ?>> ALL = table();

    private static List<EngineProperty<?, ?>> table() {
        List<EngineProperty<?, ?>> table = new ArrayList<>(List.of(
                same("network-policy", NETWORK_POLICY, PeerShareProperties::getNetworkPolicy),
                same("max-users-per-network", MAX_USERS_PER_NETWORK, PeerShareProperties::getMaxUsersPerNetwork),
                same("message-retention", MESSAGE_RETENTION, PeerShareProperties::getMessageRetention),
                same("max-history-messages", MAX_HISTORY_MESSAGES, PeerShareProperties::getMaxHistoryMessages),
                same("max-system-messages", MAX_SYSTEM_MESSAGES, PeerShareProperties::getMaxSystemMessages),
                of("max-history-bytes-per-network", MAX_HISTORY_BYTES_PER_NETWORK,
                        PeerShareProperties::getMaxHistoryBytesPerNetwork, EngineProperty::intBytes),
                of("max-history-bytes-total", MAX_HISTORY_BYTES_TOTAL, PeerShareProperties::getMaxHistoryBytesTotal,
                        DataSize::toBytes),
                same("max-networks-per-address", MAX_NETWORKS_PER_ADDRESS, PeerShareProperties::getMaxNetworksPerAddress),
                same("empty-network-retention", EMPTY_NETWORK_RETENTION, PeerShareProperties::getEmptyNetworkRetention),
                same("resume-grace", RESUME_GRACE, PeerShareProperties::getResumeGrace),
                of("max-file-size", MAX_FILE_SIZE, PeerShareProperties::getMaxFileSize, DataSize::toBytes),
                same("max-transfers-per-peer", MAX_TRANSFERS_PER_PEER, PeerShareProperties::getMaxTransfersPerPeer),
                same("transfer-request-timeout", TRANSFER_REQUEST_TIMEOUT, PeerShareProperties::getTransferRequestTimeout),
                same("relay-enabled", RELAY_ENABLED, PeerShareProperties::getRelayEnabled),
                same("relays-per-peer", RELAYS_PER_PEER, PeerShareProperties::getRelaysPerPeer),
                of("relay-quota-per-address-per-day", RELAY_BYTES_PER_ADDRESS_PER_DAY,
                        PeerShareProperties::getRelayQuotaPerAddressPerDay, DataSize::toBytes),
                of("relay-bandwidth", RELAY_BYTES_PER_SECOND, PeerShareProperties::getRelayBandwidth,
                        DataSize::toBytes),
                same("heartbeat-interval", HEARTBEAT_INTERVAL, PeerShareProperties::getHeartbeatInterval),
                same("heartbeat-timeout", HEARTBEAT_TIMEOUT, PeerShareProperties::getHeartbeatTimeout),
                same("max-connections-per-address", MAX_CONNECTIONS_PER_ADDRESS,
                        PeerShareProperties::getMaxConnectionsPerAddress),
                of("max-outbound-per-connection", MAX_OUTBOUND_BYTES, PeerShareProperties::getMaxOutboundPerConnection,
                        EngineProperty::intBytes),
                of("max-outbound-total", MAX_OUTBOUND_BYTES_TOTAL, PeerShareProperties::getMaxOutboundTotal,
                        DataSize::toBytes),
                same("trusted-proxies", TRUSTED_PROXIES, PeerShareProperties::getTrustedProxies),
                same("trusted-proxy-header", TRUSTED_PROXY_HEADER, PeerShareProperties::getTrustedProxyHeader),
                of("ice-servers", ICE_SERVERS, PeerShareProperties::getIceServers, EngineProperty::iceServers)));
        for (EventClass eventClass : EventClass.values()) {
            String key = eventClass.name().toLowerCase(Locale.ROOT);
            table.add(rateLimit("rate-limits." + key, PeerShareSetting.connectionRateLimit(eventClass),
                    properties -> properties.getRateLimits().get(eventClass)));
            table.add(rateLimit("address-rate-limits." + key, PeerShareSetting.addressRateLimit(eventClass),
                    properties -> properties.getAddressRateLimits().get(eventClass)));
        }
        table.addAll(List.of(
                rateLimit("address-connection-rate-limit", ADDRESS_CONNECTION_RATE_LIMIT,
                        PeerShareProperties::getAddressConnectionRateLimit),
                rateLimit("address-http-rate-limit", ADDRESS_HTTP_RATE_LIMIT, PeerShareProperties::getAddressHttpRateLimit),
                same("abuse-closes-before-cooldown", ABUSE_CLOSES_BEFORE_COOLDOWN,
                        PeerShareProperties::getAbuseClosesBeforeCooldown),
                same("abuse-cooldown", ABUSE_COOLDOWN, PeerShareProperties::getAbuseCooldown)));
        return List.copyOf(table);
    }

    private static <V, T> EngineProperty<V, T> of(String name, PeerShareSetting<T> setting,
            Function<PeerShareProperties, V> value, Function<? super V, ? extends T> toEngine) {
        return new EngineProperty<>("peershare." + name, setting, value, toEngine);
    }

    /** A property whose value the engine takes as it is bound. */
    private static <T> EngineProperty<T, T> same(String name, PeerShareSetting<T> setting,
            Function<PeerShareProperties, T> value) {
        return of(name, setting, value, Function.identity());
    }

    /** A rate limit written as {@code PER_SECOND,BURST}; a bad one stops start-up naming the property. */
    private static EngineProperty<String, RateLimit> rateLimit(String name, PeerShareSetting<RateLimit> setting,
            Function<PeerShareProperties, String> value) {
        return of(name, setting, value, text -> {
            try {
                return RateLimit.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be PER_SECOND,BURST, such as 5,20; was '" + text + "' ("
                        + e.getMessage() + ")", e);
            }
        });
    }

    private static int intBytes(DataSize size) {
        if (size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be less than 2GB; was " + size);
        }
        return (int) size.toBytes();
    }

    private static List<IceServer> iceServers(List<PeerShareProperties.IceServerProperties> servers) {
        try {
            return servers.stream().map(PeerShareProperties.IceServerProperties::toIceServer).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be STUN or TURN servers: " + e.getMessage(), e);
        }
    }

    /** The property that sets {@code setting}, to name it in a refusal; the engine's key for one the starter lacks. */
    static String nameOf(PeerShareSetting<?> setting) {
        return ALL.stream().filter(property -> property.setting == setting).map(EngineProperty::name).findFirst()
                .orElse(setting.key());
    }

    /**
     * Sets the engine's setting to this property's value, when it is set; a value the engine cannot take stops start-up
     * naming the property ({@link #toEngine} says the rest, such as {@code must be PER_SECOND,BURST ...}).
     */
    void applyTo(PeerShareProperties properties, PeerShareConfig.Builder engine) {
        V bound = value.apply(properties);
        if (bound != null) {
            T converted;
            try {
                converted = toEngine.apply(bound);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " " + e.getMessage(), e);
            }
            setting.set(engine, converted);
        }
    }
}
