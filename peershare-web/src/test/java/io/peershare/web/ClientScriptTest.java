package io.peershare.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The browser client's own logic that needs no browser, in Node's test runner: {@code src/test/js/*.test.mjs}
 * import {@code peershare-client.js} as the page does. Skipped, saying so, without Node.
 */
class ClientScriptTest {

    @Test
    void theClientsScriptTestsPassInNode() throws Exception {
        assumeTrue(found(), "node is not installed: the client's script tests need Node 20 or later");
        Path tests = Path.of("src/test/js").toAbsolutePath();
        Path log = Files.createTempFile("client-tests", ".log");
        Process node = new ProcessBuilder("node", "--test").directory(tests.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the client's tests finished");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), () -> "the client's tests failed:\n" + output);
        assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
    }

    private static boolean found() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
