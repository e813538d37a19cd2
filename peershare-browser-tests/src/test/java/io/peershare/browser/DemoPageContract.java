package io.peershare.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * history, files sent browser to browser over WebRTC data channels, coming back after a reload or a lost signaling
 * socket, and the network of everyone on one Wi-Fi. Every test runs against the server on each transport:
 * {@link DemoPageOnNettyTest}, {@link DemoPageOnTyrusTest}.
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
        // A resume grace of 6 s instead of 15: a reload must land back within it, and a tab that goes away for good
        // is let go well inside the browser waits.
        server = ServerProcess.start(serverDir, Map.of("MAX_FILE_SIZE", Long.toString(MAX_FILE_SIZE),
                "TRANSPORT", transport(), "RESUME_GRACE_SECONDS", "6"));
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

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    @Test
    void aReloadedPageIsBackInItsNetworkWithHistoryAndItsOwnMessagesAndTheOthersSeeNoLeaveOrJoin() throws Exception {
        Browser bob = browser("bob");
        bob.join("Reload", "Bob");
        Browser alice = browser("alice");
        alice.join("Reload", "Alice");
        alice.until(d -> alice.peerNames().equals(List.of("Bob")));
        bob.until(d -> bob.peerNames().equals(List.of("Alice")));
        alice.chat("before the reload");
        bob.chat("hello Alice");
        alice.until(d -> alice.messageTexts().containsAll(List.of("before the reload", "hello Alice")));
        bob.until(d -> bob.messageTexts().containsAll(List.of("before the reload", "hello Alice")));
        String aliceId = alice.selfId();
        // What Bob's page shows of people whose connection dropped, as it renders them.
        bob.script("""
                window.awayShown = [];
                window.peershare.addEventListener('peers', () => {
                  for (const row of document.querySelectorAll('#peer-list .peer.away')) {
                    window.awayShown.push(row.querySelector('.name').textContent + ': ' + row.querySelector('.device').textContent);
                  }
                });
                """);

        alice.reload();
        alice.awaitConnectedInNetwork(); // no Join pressed: the page resumed by itself
        assertEquals(aliceId, alice.selfId(), "the same peer id after the reload");
        alice.until(d -> alice.messageTexts().containsAll(List.of("before the reload", "hello Alice")));
        alice.until(d -> alice.peerNames().equals(List.of("Bob")));
        assertEquals(List.of("before the reload"), alice.ownMessageTexts(), "the message before the reload is still hers");
        assertEquals(1, count(alice.messageTexts(), "before the reload"), "history shown once: " + alice.messageTexts());
        assertEquals("Reload", alice.networkLabel());

        alice.chat("after the reload");
        bob.until(d -> bob.messageTexts().contains("after the reload"));
        alice.until(d -> alice.ownMessageTexts().equals(List.of("before the reload", "after the reload")));
        List<String> seenByBob = bob.messageTexts();
        assertEquals(1, count(seenByBob, "Alice joined the network"), "one join line for Alice: " + seenByBob);
        assertEquals(0, count(seenByBob, "Alice left the network"), "no leave line for Alice: " + seenByBob);
        bob.until(d -> bob.peerNames().equals(List.of("Alice")));
        @SuppressWarnings("unchecked")
        List<String> awayShown = (List<String>) bob.script("return window.awayShown;");
        assertTrue(awayShown.stream().anyMatch(a -> a.startsWith("Alice: ") && a.endsWith("reconnecting…")),
                "while Alice's page reloaded, Bob's showed her as reconnecting: " + awayShown);
        bob.until(d -> bob.awayPeerNames().isEmpty());

        // A resume that fails (here: a token the server does not know) joins afresh with the same names, and the
        // earlier messages of this tab still show as its own.
        alice.script("""
                const session = JSON.parse(sessionStorage.getItem('peershare.session'));
                session.resumeToken = 'x'.repeat(43);
                sessionStorage.setItem('peershare.session', JSON.stringify(session));
                """);
        alice.reload();
        alice.awaitConnectedInNetwork();
        assertNotEquals(aliceId, alice.selfId(), "a fresh join is a new peer");
        alice.until(d -> alice.ownMessageTexts().equals(List.of("before the reload", "after the reload")));
        assertEquals("Reload", alice.networkLabel());
        bob.until(d -> bob.peerNames().contains("Alice"));
    }

    @Test
    void aTransferFinishesAlthoughBothSignalingSocketsWereCutWhileTheFileWasOnItsWay() throws Exception {
        Path file = randomFile("through-the-cut.bin", 5 * 1024 * 1024, 11);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Cut", "Alice");
        bob.join("Cut", "Bob");
        alice.until(d -> alice.peerNames().equals(List.of("Bob")));
        String aliceId = alice.selfId();
        String bobId = bob.selfId();
        // Each page loses its signaling socket once, as in a network drop, as soon as bytes flow: the receiver's
        // socket is closed, the sender's is left half-open (the server only learns of it from the resume).
        String cutOnce = """
                const [direction, halfOpen] = arguments;
                window.cut = null;
                window.states = [];
                window.peershare.addEventListener('connection', (e) => {
                  window.states.push(e.detail.state + (document.getElementById('reconnect-banner').hidden ? '' : '+banner'));
                });
                window.peershare.addEventListener('transfer-update', (e) => {
                  const t = e.detail.transfer;
                  if (window.cut === null && t.direction === direction && t.state === 'accepted'
                      && t.bytes > 0 && t.bytes < t.fileSize) {
                    window.cut = { bytes: t.bytes, size: t.fileSize };
                    window.peershare.simulateDrop({ halfOpen });
                  }
                });
                """;
        bob.script(cutOnce, "in", false);
        alice.script(cutOnce, "out", true);

        alice.sendFiles("Bob", file);
        bob.clickTransferAction("through-the-cut.bin", "accept");
        byte[] received = bob.savedBytes("through-the-cut.bin");
        assertEquals(sha256(Files.readAllBytes(file)), sha256(received), "the file arrived byte for byte");
        alice.awaitTransferState("through-the-cut.bin", "completed");

        for (Browser page : List.of(alice, bob)) {
            Object cut = page.script("return window.cut;");
            assertNotNull(cut, "the socket was cut while the file was on its way");
            page.awaitConnectedInNetwork();
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) page.script("return window.states;");
            assertTrue(states.contains("reconnecting+banner"), "the page showed that it was reconnecting: " + states);
            assertEquals("connected", states.get(states.size() - 1), "and is connected again: " + states);
        }
        assertEquals(aliceId, alice.selfId(), "resumed, not joined afresh");
        assertEquals(bobId, bob.selfId(), "resumed, not joined afresh");
        assertTrue(alice.transferStateText("through-the-cut.bin").startsWith("Done"), alice.transferStateText("through-the-cut.bin"));
        alice.chat("still here");
        bob.until(d -> bob.messageTexts().contains("still here"));
        assertEquals(0, count(bob.messageTexts(), "Alice left the network"), bob.messageTexts().toString());
    }

    @Test
    void everyoneOnThisWifiIsTheDefaultAndPutsTwoPagesFromOneAddressInOneNetwork() throws Exception {
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        Browser carol = browser("carol");
        assertEquals(Boolean.TRUE, bob.script("return document.getElementById('network-mode-local').checked;"),
                "the first choice is selected on a fresh page");
        alice.join("", "Alice");
        bob.join(null, "Bob");
        carol.join("Apart", "Carol");
        alice.until(d -> alice.peerNames().equals(List.of("Bob")));
        bob.until(d -> bob.peerNames().equals(List.of("Alice")));
        assertEquals("Everyone on this Wi-Fi", alice.networkLabel());
        assertEquals("", alice.script("return window.peershare.networkName;"), "the server names the network \"\"");
        alice.chat("hello Wi-Fi");
        bob.until(d -> bob.messageTexts().contains("hello Wi-Fi"));
        assertEquals(List.of(), carol.peerNames(), "a named network stays apart");
        assertTrue(carol.messageTexts().stream().noneMatch(t -> t.contains("Wi-Fi")), carol.messageTexts().toString());
    }
}
