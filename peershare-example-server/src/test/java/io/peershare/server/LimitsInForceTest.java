package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up line of limits in force, in the units a person writes them in. */
class LimitsInForceTest {

    @Test
    void saysTheLimitsTheSettingsPutInForce() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("MAX_FILE_SIZE", "2GB", "MAX_USERS_PER_NETWORK", "12",
                "MAX_HISTORY_BYTES_TOTAL", "64MiB", "MAX_OUTBOUND_TOTAL", "1.5GiB", "MESSAGE_RETENTION_HOURS", "1.5",
                "RESUME_GRACE_SECONDS", "0"));
        assertEquals("limits: max file size 2 GB, 12 users a network, 5 transfers a peer, history of 1000 messages or"
                + " 1 MiB a network kept 90 min (64 MiB in all), 256 connections and 64 networks an address, 4 MiB"
                + " waiting for a slow reader (1536 MiB in all), heartbeat 25 s (timeout 60 s), resume grace 0 s",
                LimitsInForce.describe(config.engine()));
    }

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "104857600,  100 MiB",
        "1073741824, 1 GiB",
        "10000000,   10 MB",
        "2048,       2 KiB",
        "2000,       2 KB",
        "1010,       1010 bytes",
        "1,          1 byte",
        "2000000000, 2 GB",
        "1610612736, 1536 MiB",
        "790102016,  753.5 MiB",
        "268435457,  256.0 MiB",
        "3000000001, 2.8 GiB",
    })
    void sizesAreShownInTheirExactUnitElseRounded(long bytes, String shown) {
        assertEquals(shown, LimitsInForce.bytes(bytes));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"PT24H, 24 h", "PT1H, 1 h", "PT90M, 90 min", "PT1M, 1 min"})
    void retentionsAreShownInHoursOrMinutes(Duration duration, String shown) {
        assertEquals(shown, LimitsInForce.duration(duration));
    }
}
