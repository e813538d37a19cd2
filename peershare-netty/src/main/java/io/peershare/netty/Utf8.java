package io.peershare.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a text frame is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), as RFC 6455 requires of text frames. Signaling frames are almost all ASCII, so eight bytes are
 * checked at a time until a byte with its high bit set turns up; only then are characters decoded one by one.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (i + 8 <= n && (((long) LONGS.get(bytes, i)) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int size = sequenceLength(bytes, i, n);
            if (size == 0) {
                return false;
            }
            i += size;
        }
        return true;
    }

    /** The length of the well-formed multi-byte sequence at {@code i}, or 0 when it is not one. */
    private static int sequenceLength(byte[] bytes, int i, int n) {
        int b0 = bytes[i] & 0xFF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return i + 1 < n && isContinuation(bytes[i + 1]) ? 2 : 0;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 2 >= n) {
                return 0;
            }
            int b1 = bytes[i + 1] & 0xFF;
            boolean secondOk = b0 == 0xE0 ? b1 >= 0xA0 && b1 <= 0xBF      // no overlong forms
                    : b0 == 0xED ? b1 >= 0x80 && b1 <= 0x9F               // no surrogates
                    : b1 >= 0x80 && b1 <= 0xBF;
            return secondOk && isContinuation(bytes[i + 2]) ? 3 : 0;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 3 >= n) {
                return 0;
            }
            int b1 = bytes[i + 1] & 0xFF;
            boolean secondOk = b0 == 0xF0 ? b1 >= 0x90 && b1 <= 0xBF      // no overlong forms
                    : b0 == 0xF4 ? b1 >= 0x80 && b1 <= 0x8F               // nothing above U+10FFFF
                    : b1 >= 0x80 && b1 <= 0xBF;
            return secondOk && isContinuation(bytes[i + 2]) && isContinuation(bytes[i + 3]) ? 4 : 0;
        }
        return 0; // a continuation byte out of place, C0, C1 or F5..FF
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
