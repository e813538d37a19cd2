package io.peershare.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo page in real headless Chromium against the real server jar: presence, isolation, chat and
 * history, and files sent browser to browser over WebRTC data channels. Every test runs against the server on each
 * transport: {@link DemoPageOnNettyTest}, {@link DemoPageOnTyrusTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoPageContract {

    /** The server's {@code TRANSPORT}. */
    abstract String transport();

    private static final long MAX_FILE_SIZE = 6L * 1024 * 1024;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("peershare.screenshots", "target/screenshots"));

    @TempDir
    Path work;

    private ServerProcess server;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    void startServer(@TempDir Path serverDir) throws Exception {
        String missing = Browser.missingReason();
        if (missing != null) {
            System.out.println("[peershare-browser-tests] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        server = ServerProcess.start(serverDir, Map.of("MAX_FILE_SIZE", Long.toString(MAX_FILE_SIZE),
                "TRANSPORT", transport()));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    private Browser browser(String name) throws Exception {
        Browser browser = new Browser(name, Files.createDirectories(work.resolve("profile-" + name)));
        browsers.add(browser);
        browser.open(server.url("/"));
        return browser;
    }

    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(work.resolve(name), bytes);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void peersOfOneNetworkSeeAndChatWithEachOtherALateJoinerGetsHistoryAndOtherNetworksSeeNothing() throws Exception {
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        Browser eve = browser("eve");
        alice.join("Home", "Alice");
        bob.join("Home", "Bob");
        eve.join("Elsewhere", "Eve");

        alice.until(d -> alice.peerNames().equals(List.of("Bob")));
        bob.until(d -> bob.peerNames().equals(List.of("Alice")));

        alice.chat("Hi Bob <b>not bold</b>");
        bob.until(d -> bob.messageTexts().contains("Hi Bob <b>not bold</b>"));
        bob.chat("Hi Alice");
        alice.until(d -> alice.messageTexts().contains("Hi Alice"));

        Browser carol = browser("carol");
        carol.join("Home", "Carol");
        carol.until(d -> carol.messageTexts().containsAll(List.of("Hi Bob <b>not bold</b>", "Hi Alice")));
        alice.until(d -> alice.peerNames().containsAll(List.of("Bob", "Carol")));

        assertEquals(List.of(), eve.peerNames(), "a page in another network sees nobody");
        assertTrue(eve.messageTexts().stream().noneMatch(t -> t.contains("Hi")), "and no chat: " + eve.messageTexts());
    }

    @Test
    void aFiveMegabyteFileAndAnEmptyOneArriveIntact() throws Exception {
        Path big = randomFile("random-5mb.bin", 5 * 1024 * 1024, 42);
        Path empty = Files.write(work.resolve("empty.txt"), new byte[0]);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Files", "Alice");
        bob.join("Files", "Bob");

        alice.sendFiles("Bob", big, empty);
        bob.awaitTransferState("random-5mb.bin", "pending");
        bob.awaitTransferState("empty.txt", "pending");
        bob.screenshot(SCREENSHOTS, "incoming-request.png");
        bob.clickTransferAction("random-5mb.bin", "accept");
        bob.clickTransferAction("empty.txt", "accept");
        // Best effort: catch the receiving page with a partly filled progress bar.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            String state = bob.transferStateText("random-5mb.bin");
            if (state.matches("Transferring · [1-9][0-9]?%")) {
                bob.screenshot(SCREENSHOTS, "receiving.png");
                break;
            }
            if (!state.startsWith("Transferring") && !state.startsWith("Waiting")) {
                break;
            }
        }
        alice.screenshot(SCREENSHOTS, "sending.png");

        byte[] received = bob.savedBytes("random-5mb.bin");
        assertEquals(sha256(Files.readAllBytes(big)), sha256(received), "the 5 MB file arrived byte for byte");
        assertArrayEquals(new byte[0], bob.savedBytes("empty.txt"));
        alice.awaitTransferState("random-5mb.bin", "completed");
        alice.awaitTransferState("empty.txt", "completed");
        bob.screenshot(SCREENSHOTS, "received.png");
    }

    @Test
    void transfersBothWaysAtOnceARejectionACancellationAndAPeerThatLeaves() throws Exception {
        Path toBob = randomFile("to-bob.bin", 2 * 1024 * 1024, 1);
        Path toAlice = randomFile("to-alice.bin", 2 * 1024 * 1024, 2);
        Path declined = randomFile("declined.bin", 1000, 3);
        Path cancelled = randomFile("cancelled.bin", 1000, 4);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Busy", "Alice");
        bob.join("Busy", "Bob");

        alice.sendFiles("Bob", toBob);
        bob.sendFiles("Alice", toAlice);
        bob.clickTransferAction("to-bob.bin", "accept");
        alice.clickTransferAction("to-alice.bin", "accept");
        assertEquals(sha256(Files.readAllBytes(toBob)), sha256(bob.savedBytes("to-bob.bin")));
        assertEquals(sha256(Files.readAllBytes(toAlice)), sha256(alice.savedBytes("to-alice.bin")));

        alice.sendFiles("Bob", declined);
        bob.clickTransferAction("declined.bin", "reject");
        alice.awaitTransferState("declined.bin", "rejected");

        alice.sendFiles("Bob", cancelled);
        bob.awaitTransferState("cancelled.bin", "pending");
        alice.clickTransferAction("cancelled.bin", "cancel");
        bob.awaitTransferState("cancelled.bin", "cancelled");
        alice.awaitTransferState("cancelled.bin", "cancelled");

        Browser carol = browser("carol");
        carol.join("Busy", "Carol");
        Path unfinished = randomFile("unfinished.bin", 4096, 5);
        alice.sendFiles("Carol", unfinished);
        carol.awaitTransferState("unfinished.bin", "pending");
        carol.close(); // the tab goes away with the transfer open
        browsers.remove(carol);
        alice.awaitTransferState("unfinished.bin", "failed");
        assertTrue(alice.transferStateText("unfinished.bin").contains("left"), alice.transferStateText("unfinished.bin"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithTheServersErrorOnThePage() throws Exception {
        Path tooBig = randomFile("too-big.bin", (int) MAX_FILE_SIZE + 1, 7);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Limits", "Alice");
        bob.join("Limits", "Bob");
        alice.sendFiles("Bob", tooBig);
        String shown = alice.until(d -> alice.toasts().stream().filter(t -> t.contains("too-big.bin")).findFirst().orElse(null));
        assertTrue(shown.contains("limit of " + MAX_FILE_SIZE), "the server's FILE_TOO_LARGE message is shown: " + shown);
    }
}
