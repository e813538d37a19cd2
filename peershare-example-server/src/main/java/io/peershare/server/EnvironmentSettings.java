package io.peershare.server;

import static io.peershare.server.ValueFormats.BYTE_UNITS;
import static io.peershare.server.ValueFormats.byteSize;
import static io.peershare.server.ValueFormats.byteSizeUnder2GiB;
import static io.peershare.server.ValueFormats.directory;
import static io.peershare.server.ValueFormats.forwardedHeader;
import static io.peershare.server.ValueFormats.hostAddress;
import static io.peershare.server.ValueFormats.hours;
import static io.peershare.server.ValueFormats.iceServers;
import static io.peershare.server.ValueFormats.matching;
import static io.peershare.server.ValueFormats.minutes;
import static io.peershare.server.ValueFormats.networkPolicy;
import static io.peershare.server.ValueFormats.oneOf;
import static io.peershare.server.ValueFormats.origins;
import static io.peershare.server.ValueFormats.rateLimit;
import static io.peershare.server.ValueFormats.readableFile;
import static io.peershare.server.ValueFormats.redisUrl;
import static io.peershare.server.ValueFormats.seconds;
import static io.peershare.server.ValueFormats.trustedProxies;
import static io.peershare.server.ValueFormats.turnUrls;
import static io.peershare.server.ValueFormats.wholeNumber;
import static io.peershare.server.ValueFormats.yesOrNo;

import io.peershare.config.InvalidSettingException;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.PeerShareSetting;
import io.peershare.model.EventClass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Every environment variable the reference server reads, each written once as a {@link Setting}, in the order
 * {@code docs/operations.md} lists them; and the reading of an environment with them.
 */
final class EnvironmentSettings {

    private static final int NO_MAXIMUM = Integer.MAX_VALUE;
    /** Where every engine setting's default comes from: the engine's, written in the variable's format. */
    private static final PeerShareConfig ENGINE_DEFAULTS = PeerShareConfig.defaults();

    static final Setting<List<String>> FRONTEND_URL = server("FRONTEND_URL", "(none)", origins(),
            "browser origins allowed to open a WebSocket; any other Origin gets 403 at the handshake. Include the"
                    + " server's own origin if people use the page it serves",
            (config, origins) -> config.allowedOrigins = origins);
    static final Setting<Duration> HEARTBEAT_INTERVAL = engine(PeerShareSetting.HEARTBEAT_INTERVAL,
            "HEARTBEAT_INTERVAL_SECONDS", seconds(1, NO_MAXIMUM), "how often clients are told to send a heartbeat");
    static final Setting<Duration> HEARTBEAT_TIMEOUT = engine(PeerShareSetting.HEARTBEAT_TIMEOUT,
            "HEARTBEAT_TIMEOUT_SECONDS", seconds(1, NO_MAXIMUM),
            "a connection silent this long is closed with 4000; must be longer than the interval");

    static final Setting<Path> TLS_CERT = server("TLS_CERT", "(none)",
            readableFile("a path to a PEM file, such as /etc/letsencrypt/live/share.example.com/fullchain.pem"),
            "the server's certificate chain in PEM, its own certificate first; with `TLS_KEY` the port speaks HTTPS"
                    + " and WSS only. Read again when it changes (checked every minute), so a renewal needs no restart",
            (config, file) -> config.tlsCertificate = file);
    static final Setting<Path> TLS_KEY = server("TLS_KEY", "(none)",
            readableFile("a path to a PEM file, such as /etc/letsencrypt/live/share.example.com/privkey.pem"),
            "the certificate's private key in PEM, without a passphrase: `BEGIN PRIVATE KEY` (PKCS#8), `BEGIN RSA"
                    + " PRIVATE KEY` or `BEGIN EC PRIVATE KEY`",
            (config, file) -> config.tlsKey = file);
    static final Setting<Boolean> TLS_SELF_SIGNED = server("TLS_SELF_SIGNED", "false", yesOrNo(),
            "serve HTTPS and WSS with a self-signed certificate made for this machine (`localhost`, its host name"
                    + " and addresses): browsers warn once; its SHA-256 fingerprint is logged at start (see"
                    + " [HTTPS on a local network](#https-on-a-local-network))",
            (config, on) -> config.tlsSelfSigned = on);

    /** The whole table. */
    static final List<Setting<?>> ALL = table();

    private EnvironmentSettings() {
    }

    private static List<Setting<?>> table() {
        List<Setting<?>> table = new ArrayList<>(List.of(
                server("PORT", "4000", wholeNumber(0, 65535), "TCP port (0 picks a free one)",
                        (config, port) -> config.port = port),
                server("HOST", "0.0.0.0", hostAddress(),
                        "bind address", (config, host) -> config.host = host),
                server("NODE_ENV", "development", oneOf("development", "production", "test"),
                        "`production` requires `FRONTEND_URL` and logs less; `development` (or `test`) allows any"
                                + " Origin and logs PeerShare's debug lines",
                        (config, mode) -> config.production = mode.equals("production")),
                FRONTEND_URL,
                server("TRANSPORT", "netty", oneOf("netty", "tyrus"),
                        "the server that carries the endpoint: `netty` (native epoll on Linux) or `tyrus` (Tyrus on"
                                + " Grizzly, through the Jakarta WebSocket adapter)",
                        (config, kind) -> config.transport = TransportKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT))),
                server("IO_THREADS", "(one per processor)", wholeNumber(1, 256),
                        "Netty event loops that read, run the engine and write", (config, n) -> config.ioThreads = n),
                TLS_CERT,
                TLS_KEY,
                TLS_SELF_SIGNED,
                server("TLS_SELF_SIGNED_DIR", ".peershare-tls", directory("a path to a directory"),
                        "where the self-signed certificate and its key are kept (relative to the working directory),"
                                + " so that a restart reuses them; a new one is made when it nears its end or this"
                                + " machine's names and addresses change",
                        (config, directory) -> config.tlsSelfSignedDirectory = directory),
                engine(PeerShareSetting.MAX_USERS_PER_NETWORK, "MAX_USERS_PER_NETWORK",
                        wholeNumber(2, NO_MAXIMUM), "members per network"),
                engine(PeerShareSetting.MESSAGE_RETENTION, "MESSAGE_RETENTION_HOURS",
                        hours(), "how long chat history is kept, to the minute"),
                engine(PeerShareSetting.MAX_HISTORY_MESSAGES, "MAX_HISTORY_MESSAGES",
                        wholeNumber(1, NO_MAXIMUM), "users' messages kept per network"),
                engine(PeerShareSetting.MAX_SYSTEM_MESSAGES, "MAX_SYSTEM_MESSAGES", wholeNumber(1, NO_MAXIMUM),
                        "join and leave notices kept per network, apart from users' messages, so that people coming"
                                + " and going never push the conversation out"),
                engine(PeerShareSetting.MAX_HISTORY_BYTES_PER_NETWORK, "MAX_HISTORY_BYTES_PER_NETWORK",
                        byteSizeUnder2GiB(),
                        "bytes of history one network keeps (two a character, and a fixed overhead a message); past"
                                + " it its oldest messages go; units: " + BYTE_UNITS),
                engine(PeerShareSetting.MAX_HISTORY_BYTES_TOTAL, "MAX_HISTORY_BYTES_TOTAL",
                        "(an eighth of the heap)", byteSize(),
                        "bytes of history all networks keep together; past it the history of networks nobody is in"
                                + " goes first, the one left longest ago first, then the oldest messages of the networks"
                                + " that hold the most; units: " + BYTE_UNITS),
                engine(PeerShareSetting.MAX_NETWORKS_PER_ADDRESS, "MAX_NETWORKS_PER_ADDRESS",
                        wholeNumber(1, NO_MAXIMUM),
                        "networks one client address (IPv6 per /64) may keep, those it made and left that still hold"
                                + " history included; past it the one it left longest ago is dropped, or the join is"
                                + " refused with `TOO_MANY_NETWORKS` when all have people in them"),
                engine(PeerShareSetting.EMPTY_NETWORK_RETENTION, "EMPTY_NETWORK_RETENTION_MINUTES",
                        minutes(1, NO_MAXIMUM),
                        "a network nobody is in keeps its history this long, then both are dropped"),
                engine(PeerShareSetting.MAX_FILE_SIZE, "MAX_FILE_SIZE", byteSize(),
                        "largest file a transfer may announce; units: " + BYTE_UNITS),
                engine(PeerShareSetting.MAX_TRANSFERS_PER_PEER, "MAX_TRANSFERS_PER_PEER", wholeNumber(1, NO_MAXIMUM),
                        "concurrent transfers a peer may take part in"),
                engine(PeerShareSetting.TRANSFER_REQUEST_TIMEOUT, "TRANSFER_REQUEST_TIMEOUT_SECONDS",
                        seconds(1, NO_MAXIMUM),
                        "an unanswered transfer request fails after this"),
                engine(PeerShareSetting.RELAY_ENABLED, "RELAY_ENABLED", yesOrNo(),
                        "relay transfers whose direct connection cannot form through the server, which reads only each"
                                + " chunk's header (docs/protocol.md, \"The relay through the server\"); the page does"
                                + " not ask for it yet"),
                engine(PeerShareSetting.RELAYS_PER_PEER, "RELAYS_PER_PEER", wholeNumber(1, NO_MAXIMUM),
                        "relays one peer may have open at once, as sender or receiver"),
                engine(PeerShareSetting.RELAY_BYTES_PER_ADDRESS_PER_DAY, "RELAY_QUOTA_PER_ADDRESS_PER_DAY", byteSize(),
                        "bytes the peers of one address may relay in a day (UTC), sent and received; units: "
                                + BYTE_UNITS),
                engine(PeerShareSetting.RELAY_BYTES_PER_SECOND, "RELAY_BANDWIDTH", byteSize(),
                        "the server's relay bandwidth in bytes a second, all relays together: past it, senders wait;"
                                + " units: " + BYTE_UNITS),
                HEARTBEAT_INTERVAL,
                HEARTBEAT_TIMEOUT,
                engine(PeerShareSetting.RESUME_GRACE, "RESUME_GRACE_SECONDS", seconds(0, 3600),
                        "a client whose connection dropped stays in its network, shown away, this long, and may resume"
                                + " on a new connection (a phone switching networks, a page reload); 0: a drop is a leave"),
                engine(PeerShareSetting.NETWORK_POLICY, "NETWORK_POLICY", networkPolicy(),
                        "how networks are formed: `address_and_name` (same public address and same name), `name`"
                                + " (name only: trusted LANs, development), `address` (everyone behind one public address)"),
                engine(PeerShareSetting.TRUSTED_PROXIES, "TRUSTED_PROXIES", trustedProxies(),
                        "reverse proxies whose forwarding header (`TRUSTED_PROXY_HEADER`) is believed"),
                engine(PeerShareSetting.TRUSTED_PROXY_HEADER, "TRUSTED_PROXY_HEADER", forwardedHeader(),
                        "the one header the trusted proxies name the client in: `x-forwarded-for` or `forwarded`"
                                + " (RFC 7239); the other is never read, so the proxy must overwrite this one"),
                engine(PeerShareSetting.ICE_SERVERS, "ICE_SERVERS",
                        iceServers(), "STUN/TURN servers handed to clients on join"),
                server("TURN_URLS", "(none)", turnUrls(),
                        "TURN servers that share `TURN_SECRET` with this server: each connection gets its own"
                                + " short-lived credentials for them (coturn's `use-auth-secret`)",
                        (config, urls) -> config.turnUrls = urls),
                server("TURN_SECRET", "(none)", matching("\\P{Cntrl}+", "the shared secret, as text on one line")
                                .refusing("two\nlines").asSecret(),
                        "the secret shared with the TURN servers (`static-auth-secret`); it never leaves this server",
                        (config, secret) -> config.turnSecret = secret),
                server("TURN_CREDENTIAL_TTL", "86400", seconds(60, 7 * 86_400),
                        "how long each connection's TURN credentials are valid, in seconds",
                        (config, ttl) -> config.turnCredentialTtl = ttl),
                server("LOG_FORMAT", "text", oneOf("text", "json"),
                        "`text`: one readable line per event; `json`: one JSON object per line, for log shippers",
                        (config, format) -> config.jsonLogs = format.equals("json")),
                server("METRICS", "true", yesOrNo(),
                        "serve `GET /metrics` in Prometheus's text format", (config, on) -> config.metrics = on),
                server("METRICS_TOKEN", "(none)", matching("[\\x21-\\x7E]{16,}",
                                "at least 16 printable characters without spaces").refusing("too-short").asSecret(),
                        "when set, `/metrics` and `/api/stats` answer only requests with `Authorization: Bearer <token>`",
                        (config, token) -> config.metricsToken = token),
                server("REQUIRE_ORIGIN", "(true in production)", yesOrNo(),
                        "refuse WebSocket handshakes without an `Origin` header (browsers always send one); `false`"
                                + " lets non-browser clients connect",
                        (config, required) -> config.requireOrigin = required),
                server("HANDSHAKE_TIMEOUT_SECONDS", "10", seconds(1, 300),
                        "a connection must send a whole request (its WebSocket handshake, or its next HTTP request on"
                                + " a kept-alive connection) within this, or it is closed",
                        (config, timeout) -> config.handshakeTimeout = timeout),
                server("ACCEPT_BACKLOG", "8192", wholeNumber(1, 1 << 20),
                        "connections the kernel may hold for the server to accept at once (a reconnect storm); the kernel"
                                + " caps it at `net.core.somaxconn` (see [large nodes](#large-nodes))",
                        (config, backlog) -> config.acceptBacklog = backlog),
                engine(PeerShareSetting.MAX_CONNECTIONS_PER_ADDRESS, "MAX_CONNECTIONS_PER_ADDRESS",
                        wholeNumber(1, NO_MAXIMUM),
                        "sockets one client address (IPv6 per /64) may hold, handshaken or not; trusted proxies are"
                                + " exempt, their clients are counted once named"),
                engine(PeerShareSetting.MAX_OUTBOUND_BYTES, "MAX_OUTBOUND_PER_CONNECTION", byteSizeUnder2GiB(),
                        "bytes that may wait for one client that reads slowly before it is closed with 4009; units: "
                                + BYTE_UNITS),
                engine(PeerShareSetting.MAX_OUTBOUND_BYTES_TOTAL, "MAX_OUTBOUND_TOTAL",
                        "(a quarter of the heap)", byteSize(),
                        "bytes that may wait for slow clients across all connections; past it, a client whose frames"
                                + " would have to wait is closed with 4009; units: " + BYTE_UNITS)));
        rateLimits(table, EventClass.JOIN);
        rateLimits(table, EventClass.CHAT);
        rateLimits(table, EventClass.SIGNAL);
        rateLimits(table, EventClass.TRANSFER);
        rateLimits(table, EventClass.CONTROL);
        table.addAll(List.of(
                engine(PeerShareSetting.ADDRESS_CONNECTION_RATE_LIMIT, "ADDRESS_CONNECTION_RATE_LIMIT", rateLimit(),
                        "new WebSocket and Socket.IO connections one client address (IPv6 per /64) may open, as"
                                + " PER_SECOND,BURST; one more is closed with 1013 (try again later)"),
                engine(PeerShareSetting.ADDRESS_HTTP_RATE_LIMIT, "ADDRESS_HTTP_RATE_LIMIT", rateLimit(),
                        "HTTP requests one client address may make of `/health`, `/api/stats`, `/metrics`, `/api/links`"
                                + " and the page, as PER_SECOND,BURST; one more is answered 429 and its connection closed"),
                engine(PeerShareSetting.ABUSE_CLOSES_BEFORE_COOLDOWN, "ABUSE_CLOSES_BEFORE_COOLDOWN",
                        wholeNumber(1, NO_MAXIMUM),
                        "closes for abuse (4008 rate limits; 1009, 1003, 1007, 1002) one client address may earn within"
                                + " `ABUSE_COOLDOWN_SECONDS` before it cools down; an HTTP flood past its strikes counts"
                                + " too"),
                engine(PeerShareSetting.ABUSE_COOLDOWN, "ABUSE_COOLDOWN_SECONDS", seconds(1, 86_400),
                        "how long an address that earned too many closes for abuse may not connect: its sockets are"
                                + " closed when accepted, its handshakes with 1013")));
        table.addAll(List.of(
                server("SHUTDOWN_DRAIN_SECONDS", "0", seconds(0, 300),
                        "on shutdown, how long `/health` answers 503 before clients are closed, so a load balancer"
                                + " stops routing first",
                        (config, delay) -> config.drainDelay = delay),
                server("SHUTDOWN_TIMEOUT_SECONDS", "10", seconds(1, 300),
                        "on shutdown, how long to wait for clients to close",
                        (config, timeout) -> config.shutdownTimeout = timeout),
                server("REDIS_URL", "(none: single node)", redisUrl(),
                        "joins the cluster of nodes sharing this Redis (see [Running a cluster](#running-a-cluster));"
                                + " the node must reach it at start-up",
                        (config, url) -> config.redisUrl = url),
                server("NODE_ID", "(random)", matching("[A-Za-z0-9._-]{1,64}", "1 to 64 letters, digits, '.', '_' or '-'")
                                .refusing("node a"),
                        "this node's id in the cluster", (config, id) -> config.nodeId = id)));
        return List.copyOf(table);
    }

    private static void rateLimits(List<Setting<?>> table, EventClass eventClass) {
        String events = "`" + eventClass + "` events";
        table.add(engine(PeerShareSetting.connectionRateLimit(eventClass), "RATE_LIMIT_" + eventClass, rateLimit(),
                "rate limit of one connection's " + events + " (see [rate limits](protocol.md#rate-limits))"));
        table.add(engine(PeerShareSetting.addressRateLimit(eventClass), "ADDRESS_RATE_LIMIT_" + eventClass, rateLimit(),
                "rate limit of " + events + " from one client address (IPv6 per /64)"));
    }

    private static <T> Setting<T> server(String name, String defaultValue, ValueFormat<T> format, String doc,
            BiConsumer<ServerConfig.Builder, T> target) {
        return new Setting<>(name, defaultValue, format, doc, target, null);
    }

    /** An engine setting under the variable {@code name}; its default is the engine's, as {@code format} writes it. */
    private static <T> Setting<T> engine(PeerShareSetting<T> setting, String name, ValueFormat<T> format, String doc) {
        String written = format.written(setting.valueIn(ENGINE_DEFAULTS));
        return engine(setting, name, written.isEmpty() ? "(none)" : written, format, doc);
    }

    /**
     * An engine setting whose default the variable describes instead, such as {@code (a quarter of the heap)}: text in
     * parentheses, never read; absent, the engine keeps its own default.
     */
    private static <T> Setting<T> engine(PeerShareSetting<T> setting, String name, String defaultValue,
            ValueFormat<T> format, String doc) {
        return new Setting<>(name, defaultValue, format, doc, (config, value) -> setting.set(config.engine, value),
                setting);
    }

    /**
     * Reads every setting from {@code environment}, where absent and blank variables take their default and values
     * are trimmed; unrelated variables are ignored.
     *
     * @throws ConfigurationException saying, in the user's words, every variable that is wrong (one line each), its
     *                                value and what is allowed, then every rule between settings that is broken
     */
    static ServerConfig read(Map<String, String> environment) {
        ServerConfig.Builder builder = new ServerConfig.Builder();
        Map<String, Object> values = new HashMap<>(); // by name, for the rules between settings
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : ALL) {
            String text = valueOf(setting, environment);
            if (text != null) {
                try {
                    values.put(setting.name(), setting.apply(text, builder));
                } catch (IllegalArgumentException refused) {
                    problems.add(refused.getMessage());
                }
            }
        }
        problems.addAll(rulesBroken(values, environment));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        try {
            return builder.build();
        } catch (InvalidSettingException refused) {
            // Each value and each rule above passed, so the engine refuses a combination: say which, by variable.
            throw new ConfigurationException(List.of("these settings do not work together: " + ALL.stream()
                    .filter(s -> refused.settings().contains(s.engine())).map(s -> described(s, environment))
                    .collect(Collectors.joining(", "))));
        }
    }

    /**
     * The rules between settings, weighed only among values that were read: a refused value is reported on its own,
     * and a rule it takes part in would only repeat it.
     */
    private static List<String> rulesBroken(Map<String, Object> values, Map<String, String> environment) {
        List<String> broken = new ArrayList<>();
        mustExceed(HEARTBEAT_TIMEOUT.name(), HEARTBEAT_INTERVAL.name(), true, values, environment).ifPresent(broken::add);
        // Absent totals are a share of the heap, which the engine raises to at least the per-network or -connection bound.
        mustExceed("MAX_HISTORY_BYTES_TOTAL", "MAX_HISTORY_BYTES_PER_NETWORK", false, values, environment)
                .ifPresent(broken::add);
        mustExceed("MAX_OUTBOUND_TOTAL", "MAX_OUTBOUND_PER_CONNECTION", false, values, environment)
                .ifPresent(broken::add);
        boolean urls = values.get("TURN_URLS") instanceof List<?> list && !list.isEmpty();
        if (urls != values.containsKey("TURN_SECRET") && !refused("TURN_URLS", values, environment)
                && !refused("TURN_SECRET", values, environment)) {
            broken.add("TURN_URLS and TURN_SECRET go together: set both, or neither");
        }
        boolean origins = values.get(FRONTEND_URL.name()) instanceof List<?> list && !list.isEmpty();
        if ("production".equals(values.get("NODE_ENV")) && !origins && !refused(FRONTEND_URL.name(), values, environment)) {
            broken.add(FRONTEND_URL.name() + " is required when NODE_ENV=production: " + FRONTEND_URL.format().allowed());
        }
        String tls = TlsSettings.conflict(given(TLS_CERT, environment) != null, given(TLS_KEY, environment) != null,
                Boolean.TRUE.equals(values.get(TLS_SELF_SIGNED.name())));
        if (tls != null && !refused(TLS_CERT.name(), values, environment) && !refused(TLS_KEY.name(), values, environment)) {
            broken.add(tls);
        }
        return broken;
    }

    /** The rule that {@code larger} exceeds {@code smaller} (or equals it, unless {@code strictly}), when both were read. */
    private static Optional<String> mustExceed(String larger, String smaller, boolean strictly, Map<String, Object> values,
            Map<String, String> environment) {
        Object big = values.get(larger);
        Object small = values.get(smaller);
        if (big == null || small == null) {
            return Optional.empty();
        }
        int order = big instanceof Number b && small instanceof Number s ? Long.compare(b.longValue(), s.longValue())
                : ((Duration) big).compareTo((Duration) small);
        if (order > 0 || (order == 0 && !strictly)) {
            return Optional.empty();
        }
        return Optional.of(larger + (strictly ? " must be longer than " : " must be at least ") + smaller + "; "
                + described(named(larger), environment) + ", " + described(named(smaller), environment));
    }

    /** Whether the variable was given a value that was refused. */
    private static boolean refused(String name, Map<String, Object> values, Map<String, String> environment) {
        return given(named(name), environment) != null && !values.containsKey(name);
    }

    private static Setting<?> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** {@code NAME was '20'}, or {@code NAME was '25' (its default)}. */
    private static String described(Setting<?> setting, Map<String, String> environment) {
        String given = given(setting, environment);
        return setting.name() + " was '" + (given != null ? given + "'" : setting.defaultValue() + "' (its default)");
    }

    /** The text that applies: the variable's, else the default value; {@code null} for neither. */
    private static String valueOf(Setting<?> setting, Map<String, String> environment) {
        String given = given(setting, environment);
        return given != null || !setting.hasDefaultValue() ? given : setting.defaultValue();
    }

    private static String given(Setting<?> setting, Map<String, String> environment) {
        String raw = environment.get(setting.name());
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}
