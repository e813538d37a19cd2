package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UTF-8 check agrees with the JDK's strict decoder, byte sequence for byte sequence. */
class Utf8Test {

    private static boolean jdkSaysValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "41", "c3a9", "e282ac", "f09f918b", "7b226576656e74223a22686922207d",
        "c0af", "e080af", "eda080", "f4908080", "f5808080", "80", "c3", "e282", "f09f91", "ff", "fe",
        "4142434445464748c3a9", "41424344454647c3", "c3a94142434445464748494a4b4c"})
    void knownSequencesAreJudgedAsTheStandardSays(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(jdkSaysValid(bytes), Utf8.isValid(bytes), hex);
    }

    @Test
    void randomBytesAndRandomTextAreJudgedAsTheJdkJudgesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            if (i % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < bytes.length; c++) {
                    text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 32 + random.nextInt(90));
                }
                bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0 && random.nextBoolean()) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8)); // one flipped bit
                }
            }
            assertEquals(jdkSaysValid(bytes), Utf8.isValid(bytes), HexFormat.of().formatHex(bytes));
        }
    }
}
