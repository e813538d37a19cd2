package io.peershare.server;

import io.peershare.AllowedOrigins;
import io.peershare.config.ForwardedHeader;
import io.peershare.config.IceServer;
import io.peershare.config.NetworkPolicy;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.server.ValueFormat.Rejected;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of value the server's environment variables hold. */
final class ValueFormats {

    /** The units {@link #byteSize()} accepts, as the documentation states them. */
    static final String BYTE_UNITS = "B, KB, MB, GB (powers of 1000) and KiB, MiB, GiB (powers of 1024), in any case";

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([A-Za-z]*)");
    /** A host name as RFC 1123 has it: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?");
    /** redis[s]://[user:password@]host[:port][/db], the host an IPv6 address in brackets or a name. */
    private static final String REDIS_URL =
            "rediss?://(?:[^/]*@)?(?:\\[[0-9A-Fa-f:.]+]|[^@/?#:\\[\\]]+)(?::\\d{1,5})?(?:[/?].*)?";
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of("", 1L, "b", 1L,
            "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L, "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);
    /** Longer would overflow the milliseconds that Redis keys expire in. */
    private static final long MAX_MINUTES = Long.MAX_VALUE / 60_000;

    private ValueFormats() {
    }

    /** A whole number from {@code min} to {@code max}; {@code Integer.MAX_VALUE} as {@code max} means "or more". */
    static ValueFormat<Integer> wholeNumber(int min, int max) {
        return whole("a whole number", min, max);
    }

    /** Whole seconds from {@code min} to {@code max}; {@code Integer.MAX_VALUE} as {@code max} means "or more". */
    static ValueFormat<Duration> seconds(int min, int max) {
        return whole("a whole number of seconds", min, max).map(Duration::ofSeconds, d -> Math.toIntExact(d.toSeconds()));
    }

    /** Whole minutes from {@code min} to {@code max}; {@code Integer.MAX_VALUE} as {@code max} means "or more". */
    static ValueFormat<Duration> minutes(int min, int max) {
        return whole("a whole number of minutes", min, max).map(Duration::ofMinutes, d -> Math.toIntExact(d.toMinutes()));
    }

    /** {@code true} or {@code false}, in any case. */
    static ValueFormat<Boolean> yesOrNo() {
        return oneOf("true", "false").map(Boolean::parseBoolean, String::valueOf);
    }

    private static ValueFormat<Integer> whole(String what, int min, int max) {
        String range = max == Integer.MAX_VALUE ? ", at least " + min : " from " + min + " to " + max;
        String belowMin = Long.toString(min - 1L);
        return new ValueFormat<Integer>(what + range, text -> {
            if (!WHOLE.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            BigInteger value = new BigInteger(text);
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw value.signum() > 0 && max == Integer.MAX_VALUE ? new Rejected("too large") : new IllegalArgumentException();
            }
            return value.intValue();
        }).refusing(belowMin).writing(String::valueOf);
    }

    /** Hours, decimals allowed, rounded to whole minutes. */
    static ValueFormat<Duration> hours() {
        return new ValueFormat<>("a positive number of hours such as 24 or 1.5", text -> {
            if (!DECIMAL.matcher(text).matches() || new BigDecimal(text).signum() == 0) {
                throw new IllegalArgumentException();
            }
            BigDecimal minutes = new BigDecimal(text).multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP);
            if (minutes.signum() == 0) {
                throw new Rejected("that is less than a minute");
            }
            if (minutes.compareTo(BigDecimal.valueOf(MAX_MINUTES)) > 0) {
                throw new Rejected("too large");
            }
            return Duration.ofMinutes(minutes.longValueExact());
        }).refusing("0").writing(ValueFormats::inHours);
    }

    /**
     * At least one byte, alone or with a unit of {@link #BYTE_UNITS}, such as {@code 10MB} or {@code 1.5 GiB}: every
     * size the server reads is a bound, and a bound of nothing would refuse everything.
     */
    static ValueFormat<Long> byteSize() {
        return new ValueFormat<Long>("a whole number of bytes such as 104857600, or with a unit such as 10MB or 100MiB",
                text -> {
                    Matcher size = SIZE.matcher(text);
                    if (!size.matches()) {
                        throw new IllegalArgumentException();
                    }
                    Long unit = BYTES_PER_UNIT.get(size.group(2).toLowerCase(Locale.ROOT));
                    if (unit == null) {
                        throw new Rejected("'" + size.group(2) + "' is not a unit; they are " + BYTE_UNITS);
                    }
                    BigDecimal bytes = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(unit));
                    if (bytes.stripTrailingZeros().scale() > 0) {
                        throw new Rejected("that is not a whole number of bytes");
                    }
                    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                        throw new Rejected("too large");
                    }
                    if (bytes.signum() == 0) {
                        throw new Rejected("a bound of 0 bytes allows nothing; it must be at least 1");
                    }
                    return bytes.longValueExact();
                }).refusing("0").writing(ValueFormats::inLargestUnit);
    }

    /** {@link #byteSize()} of at least 1 KiB and at most {@code Integer.MAX_VALUE} bytes. */
    static ValueFormat<Integer> byteSizeUnder2GiB() {
        return byteSize().map(bytes -> {
            if (bytes < 1024) {
                throw new Rejected("that is less than 1 KiB");
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new Rejected("that is 2 GiB or more");
            }
            return bytes.intValue();
        }, Integer::longValue).refusing("1000");
    }

    /** One of {@code choices}, in any case; read as the lower-case choice. */
    static ValueFormat<String> oneOf(String... choices) {
        List<String> all = List.of(choices);
        String allowed = String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        return new ValueFormat<String>(allowed, text -> {
            String choice = text.toLowerCase(Locale.ROOT);
            if (!all.contains(choice)) {
                throw new IllegalArgumentException();
            }
            return choice;
        }).refusing("not-" + choices[0]).writing(choice -> choice);
    }

    /** Any text that matches {@code regex}; give it an example of a value it refuses with {@link ValueFormat#refusing}. */
    static ValueFormat<String> matching(String regex, String allowed) {
        Pattern pattern = Pattern.compile(regex);
        return new ValueFormat<>(allowed, text -> {
            if (!pattern.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    /**
     * A file the server reads at start (a certificate, a key): checked here, so that a wrong path is reported with
     * the other bad values, by its variable. What is in it is checked when it is read.
     */
    static ValueFormat<Path> readableFile(String allowed) {
        return new ValueFormat<>(allowed, text -> {
            Path file = path(text);
            if (!Files.exists(file)) {
                throw new Rejected("there is no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new Rejected("it is not a file");
            }
            if (!Files.isReadable(file)) {
                throw new Rejected("this server's user may not read it");
            }
            return file;
        }).refusing("/nonexistent/peershare.pem");
    }

    /** A directory the server may create: anything but an existing file that is not a directory. */
    static ValueFormat<Path> directory(String allowed) {
        return new ValueFormat<>(allowed, text -> {
            Path directory = path(text);
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new Rejected("it exists and is not a directory");
            }
            return directory;
        }).refusing("/etc/passwd");
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new Rejected("it is empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Rejected("it is not a path: " + e.getReason());
        }
    }

    /** Comma-separated entries, each trimmed and checked by {@code entry}; empty entries are skipped. */
    static ValueFormat<List<String>> commaSeparated(String allowed, UnaryOperator<String> entry) {
        return new ValueFormat<>(allowed, text -> Arrays.stream(text.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(entry).toList());
    }

    /** {@code FRONTEND_URL}: origins as browsers send them, each checked here rather than when the server starts. */
    static ValueFormat<List<String>> origins() {
        return commaSeparated("browser origins, comma-separated, such as https://share.example.com", ValueFormats::origin)
                .refusing("share.example.com");
    }

    /** One origin, {@code scheme://host[:port]}, by the rule the transports compare origins with. */
    static String origin(String entry) {
        if (AllowedOrigins.normalize(entry) == null) {
            throw new Rejected("'" + entry + "' is not an origin; expected scheme://host[:port] such as"
                    + " https://share.example.com");
        }
        return entry;
    }

    static ValueFormat<List<String>> trustedProxies() {
        return commaSeparated("IP addresses or CIDR ranges, comma-separated, such as 10.0.0.0/8,127.0.0.1",
                ValueFormats::trustedProxy).refusing("proxy.example.com").writing(list -> String.join(",", list));
    }

    /** An address or CIDR range as the engine takes it for a trusted proxy, checked alone so that the message can name it. */
    static String trustedProxy(String entry) {
        try {
            PeerShareConfig.builder().trustedProxies(List.of(entry)).build(); // the engine's own rule; its parser is not API
        } catch (IllegalArgumentException e) {
            throw new Rejected("'" + entry + "' is not an IP address or CIDR range");
        }
        return entry;
    }

    static ValueFormat<List<String>> turnUrls() {
        return commaSeparated("turn: or turns: URLs, comma-separated, such as turn:turn.example.com:3478",
                ValueFormats::turnUrl).refusing("stun:stun.example.com");
    }

    /** One TURN URL: {@code turn:} or {@code turns:}. */
    static String turnUrl(String url) {
        if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
            throw new Rejected("'" + url + "' is not a turn: or turns: URL");
        }
        return url;
    }

    /**
     * An address to listen on: an IP address, or a host name that resolves now. Resolving here makes a name that does
     * not resolve a refusal naming {@code HOST}, reported with the other bad values, rather than a failure to listen.
     */
    static ValueFormat<String> hostAddress() {
        return new ValueFormat<String>("an IP address or host name, such as 127.0.0.1", text -> {
            boolean address = IP_ADDRESS.matcher(text).matches();
            if (!address && !HOST_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            try {
                InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new Rejected(address ? "that is not an IP address" : "the name does not resolve to an address");
            }
            return text;
        }).refusing("my host");
    }

    static ValueFormat<String> redisUrl() {
        return matching(REDIS_URL, "a URL starting with redis:// or rediss://, such as redis://redis.internal:6379")
                .refusing("http://redis.example.com");
    }

    static ValueFormat<NetworkPolicy> networkPolicy() {
        return new ValueFormat<>("address_and_name, name or address", NetworkPolicy::parse).refusing("everyone")
                .writing(policy -> policy.name().toLowerCase(Locale.ROOT));
    }

    static ValueFormat<ForwardedHeader> forwardedHeader() {
        return new ValueFormat<>("x-forwarded-for or forwarded", ForwardedHeader::parse).refusing("x-real-ip")
                .writing(ForwardedHeader::headerName);
    }

    static ValueFormat<List<IceServer>> iceServers() {
        return new ValueFormat<>("a JSON array of {urls, username, credential} objects whose urls start with stun:,"
                + " turn: or turns:, such as [{\"urls\":\"stun:stun.example.com:3478\"}]", IceServerListParser::parse)
                .refusing("stun:stun.example.com").writing(IceServerListParser::write);
    }

    static ValueFormat<RateLimit> rateLimit() {
        return new ValueFormat<>("PER_SECOND,BURST such as 5,20: a rate above 0 and a whole burst of at least 1",
                RateLimit::parse).refusing("0,10")
                .writing(limit -> decimal(BigDecimal.valueOf(limit.perSecond())) + "," + limit.burst());
    }

    /** Hours as {@link #hours()} reads them: {@code 24}, {@code 1.5}. */
    private static String inHours(Duration duration) {
        return decimal(BigDecimal.valueOf(duration.toMinutes()).divide(BigDecimal.valueOf(60), 10, RoundingMode.HALF_UP));
    }

    /** Bytes in the largest binary unit that holds them whole, such as {@code 100MiB}, as {@link #byteSize()} reads them. */
    private static String inLargestUnit(long bytes) {
        for (String unit : List.of("GiB", "MiB", "KiB")) {
            long size = BYTES_PER_UNIT.get(unit.toLowerCase(Locale.ROOT));
            if (bytes != 0 && bytes % size == 0) {
                return bytes / size + unit;
            }
        }
        return Long.toString(bytes);
    }

    private static String decimal(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
