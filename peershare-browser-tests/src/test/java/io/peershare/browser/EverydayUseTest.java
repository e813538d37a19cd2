package io.peershare.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page where and as people actually use it, in real Chromium against the real server jar (on Netty; the page's
 * behaviour does not depend on the transport): opened by a LAN name over plain HTTP, which is not a secure context;
 * devices that cannot reach each other; a page reloaded in the middle of a transfer; every failure said in words;
 * toasts that keep off the controls on a laptop and a phone, light and dark.
 */
class EverydayUseTest extends PageTest {

    /** A name that is not {@code localhost}: a page opened by it over plain HTTP is not a secure context. */
    private static final String LAN_NAME = "lan.test";
    private static final long MAX_FILE_SIZE = 1_000_000;

    @BeforeAll
    void startServer(@TempDir Path serverDir) throws Exception {
        startServer(serverDir, Map.of("MAX_FILE_SIZE", Long.toString(MAX_FILE_SIZE), "RESUME_GRACE_SECONDS", "6"),
                List.of(LAN_NAME));
    }

    private Browser browser(String name, Browser.Screen screen) throws Exception {
        // Every page is opened by the LAN name, as a phone on the Wi-Fi opens it.
        return browser(name, screen, List.of("--host-resolver-rules=MAP " + LAN_NAME + " 127.0.0.1"),
                server.url(LAN_NAME, "/"));
    }

    private Browser browser(String name) throws Exception {
        return browser(name, Browser.Screen.DESKTOP);
    }

    /** The sender reads its file slowly (8 ms per 16 KB chunk), so that a transfer lasts long enough to interrupt. */
    private static void readSlowly(Browser page) {
        page.script("""
                const read = Blob.prototype.arrayBuffer;
                window.nativeRead = read;
                Blob.prototype.arrayBuffer = function () {
                  return new Promise((resolve) => setTimeout(resolve, 8)).then(() => read.call(this));
                };
                """);
    }

    @Test
    void aFileSentBetweenPagesOpenedByALanNameOverPlainHttpArrivesIntact() throws Exception {
        Path file = randomFile("over-plain-http.bin", 900_000, 61);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        for (Browser page : List.of(alice, bob)) {
            assertEquals(Boolean.FALSE, page.script("return window.isSecureContext;"), "plain HTTP on a LAN name");
            assertEquals(Boolean.TRUE, page.script("return typeof crypto.subtle === 'undefined';"),
                    "no WebCrypto digest here, as on a phone opening http://<lan-ip>:4000/");
        }
        alice.join("Lan", "Alice");
        bob.join("Lan", "Bob");
        alice.sendFiles("Bob", file);
        bob.clickTransferAction("over-plain-http.bin", "accept");
        assertEquals(sha256(Files.readAllBytes(file)), sha256(bob.savedBytes("over-plain-http.bin")),
                "the file arrived byte for byte, its SHA-256 checked by the page");
        alice.awaitTransferState("over-plain-http.bin", "completed");
        assertEquals(sha256(Files.readAllBytes(file)), bob.script(
                "return [...window.peershare.transfers.values()].find((t) => t.fileName === arguments[0]).sha256;",
                "over-plain-http.bin"), "the receiving page's own SHA-256 agrees");
    }

    @Test
    void aConnectionThatCannotFormFailsInTimeOnBothSidesWithTheSameSentence() throws Exception {
        Path file = randomFile("no-path.bin", 50_000, 62);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Apart", "Alice");
        bob.join("Apart", "Bob");
        for (Browser page : List.of(alice, bob)) {
            // Relay candidates only and no TURN server: no path at all, as on guest Wi-Fi that keeps devices apart.
            // The documented timeout (the client's connectionTimeoutMs) is shortened to keep the test short.
            page.script("""
                    const Native = window.RTCPeerConnection;
                    window.RTCPeerConnection = function (config) { return new Native({ ...config, iceTransportPolicy: 'relay' }); };
                    window.RTCPeerConnection.prototype = Native.prototype;
                    window.peershare.options.connectionTimeoutMs = 4000;
                    window.shown = [];
                    window.peershare.addEventListener('transfer-update', () => {
                      const row = document.querySelector('#transfer-list .transfer');
                      if (row) window.shown.push(row.querySelector('.state').textContent);
                    });
                    """);
        }
        alice.sendFiles("Bob", file);
        bob.clickTransferAction("no-path.bin", "accept");
        long accepted = System.nanoTime();
        alice.awaitTransferState("no-path.bin", "failed");
        bob.awaitTransferState("no-path.bin", "failed");
        double seconds = (System.nanoTime() - accepted) / 1e9;
        assertTrue(seconds < 15, "failed within the timeout, not after minutes: " + seconds + " s");

        String aliceSays = alice.transferStateText("no-path.bin");
        String bobSays = bob.transferStateText("no-path.bin");
        assertEquals("Failed · Could not connect to Bob’s device within 4 s. Devices on a guest Wi-Fi, or on different"
                + " networks, often cannot reach each other: try again with both on the same Wi-Fi, or ask whoever runs"
                + " this server to add a TURN server.", aliceSays);
        assertEquals(aliceSays.replace("Bob’s", "Alice’s"), bobSays, "the same state and the same words on both sides");
        for (Browser page : List.of(alice, bob)) {
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) page.script("return window.shown;");
            assertTrue(shown.stream().anyMatch(s -> s.startsWith("Connecting to ")), "connecting is shown as such: " + shown);
            assertTrue(shown.stream().noneMatch(s -> s.startsWith("Transferring")), "never 'Transferring · 0%': " + shown);
        }
        // The sender still has the file: it can try again at once.
        alice.clickTransferAction("no-path.bin", "retry");
        bob.until(d -> bob.script("return document.querySelectorAll('#transfer-list .transfer[data-state=pending]').length;")
                .equals(1L) ? Boolean.TRUE : null);
    }

    @Test
    void aReloadInTheMiddleOfATransferLeavesItInBothListsWithItsReasonAndTheFileCanBeSentAgain() throws Exception {
        Path file = randomFile("interrupted.bin", 900_000, 63);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        alice.join("Reloads", "Alice");
        bob.join("Reloads", "Bob");
        readSlowly(alice);
        alice.sendFiles("Bob", file);
        bob.clickTransferAction("interrupted.bin", "accept");
        bob.until(d -> bob.transferStateText("interrupted.bin").matches("Transferring · [1-9][0-9]?%.*") ? Boolean.TRUE : null);

        assertTrue(bob.warnsBeforeLeaving(), "the page warns before leaving with a transfer under way");
        bob.reload();
        bob.awaitConnectedInNetwork();
        bob.awaitTransferState("interrupted.bin", "failed");
        assertEquals("Failed · This page was reloaded during the transfer, so it stopped.",
                bob.transferStateText("interrupted.bin"));
        alice.awaitTransferState("interrupted.bin", "failed");
        assertEquals("Failed · Bob’s page was reloaded during the transfer, so it stopped. Send the file again.",
                alice.transferStateText("interrupted.bin"));

        alice.script("Blob.prototype.arrayBuffer = window.nativeRead;");
        alice.clickTransferAction("interrupted.bin", "retry");
        bob.until(d -> bob.script("return document.querySelectorAll('#transfer-list .transfer[data-state=pending]').length;")
                .equals(1L) ? Boolean.TRUE : null);
        bob.clickTransferAction("interrupted.bin", "accept");
        assertEquals(sha256(Files.readAllBytes(file)), sha256(bob.savedBytes("interrupted.bin")));
    }

    @Test
    void everyWayATransferCanEndAndEveryErrorReadsAsASentenceWithNoProgrammersText() throws Exception {
        Browser alice = browser("alice");
        alice.join("Words", "Alice");
        assertTrue(!alice.warnsBeforeLeaving(), "nothing under way: the page lets itself be left without a word");
        // Every error code the protocol documents, and the client's own.
        List<String> codes = new ArrayList<>(List.of("CONNECTION_FAILED", "CONNECT_TIMEOUT", "NOT_CONNECTED",
                "DISCONNECTED", "RESUMED_ELSEWHERE", "LEFT", "SOMETHING_NEWER"));
        Matcher documented = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(
                Files.readString(Path.of("..", "docs", "protocol.md")));
        while (documented.find()) {
            codes.add(documented.group(1));
        }
        assertTrue(codes.contains("FIELD_TOO_LONG") && codes.contains("PEER_AWAY"), "read the documented codes: " + codes);
        @SuppressWarnings("unchecked")
        List<String> sentences = (List<String>) alice.script("""
                const page = window.peersharePage;
                const out = [];
                for (const code of page.failureCodes) {
                  for (const direction of ['in', 'out']) {
                    for (const restored of [false, true]) {
                      out.push(page.failureSentence({ reasonCode: code, direction, restored, peerName: 'Bob' }));
                      out.push(page.failureSentence({ reasonCode: code, direction, restored, peerName: '' }));
                    }
                  }
                }
                for (const code of arguments[0]) {
                  out.push(page.describeError({ code, details: {} }, {}));
                  out.push(page.describeError({ code, details: {} }, { action: 'send', fileName: 'a.txt', fileSize: 5 }));
                }
                return out;
                """, codes);
        Pattern programmersText = Pattern.compile(
                "undefined|null|NaN|\\[object|Error\\b|TypeError|Failed to execute|readyState|Cannot read|RTC|exception",
                Pattern.CASE_INSENSITIVE);
        for (String sentence : sentences) {
            assertTrue(sentence.matches("[A-Z“a-z0-9].*[.!?]"), "a sentence: " + sentence);
            assertTrue(!programmersText.matcher(sentence.replace("WebRTC", "")).find(), "no programmer's text: " + sentence);
        }
    }

    @Test
    void textIsCountedAsPeopleSeeItAndALongMessageIsSaidNotCut() throws Exception {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
        Browser alice = browser("alice");
        alice.join("Count", family.repeat(5)); // five characters as people see them: the page and the server agree
        assertEquals("Online as " + family.repeat(5), alice.statusText());

        String tooLong = "x".repeat(2001);
        alice.script("document.getElementById('chat-input').value = arguments[0];", tooLong);
        alice.script("document.getElementById('chat-send').click();");
        alice.until(d -> alice.toasts().contains("A message can be at most 2000 characters; this one has 2001.")
                ? Boolean.TRUE : null);
        assertEquals(tooLong, alice.script("return document.getElementById('chat-input').value;"),
                "the text stays, to be shortened, and nothing was sent");
        assertTrue(alice.messageTexts().stream().noneMatch(t -> t.startsWith("xxx")), alice.messageTexts().toString());
    }

    @Test
    void toastsKeepOffTheControlsAndMergeOnALaptopAndAPhoneInLightAndDarkMode() throws Exception {
        Path tooBig = randomFile("too-big.bin", (int) MAX_FILE_SIZE + 1, 64);
        Path offered = randomFile("offered.bin", 1000, 65);
        Browser sender = browser("sender", Browser.Screen.LAPTOP);
        sender.join("Layout", "Sender");
        int round = 0;
        for (Browser.Screen screen : List.of(Browser.Screen.LAPTOP, Browser.Screen.LARGE_PHONE)) {
            for (boolean dark : List.of(false, true)) {
                String name = "Pat" + round++;
                Browser page = browser(name, screen);
                page.prefersDarkMode(dark);
                page.join("Layout", name);
                page.until(d -> page.peerNames().contains("Sender") ? Boolean.TRUE : null);
                // The same refusal twice: one toast that says so; and a request from someone else.
                page.sendFiles("Sender", tooBig);
                page.sendFiles("Sender", tooBig);
                sender.sendFiles(name, offered);
                page.until(d -> page.toasts().size() == 2 && page.toasts().stream().anyMatch(t -> t.endsWith("×2"))
                        ? Boolean.TRUE : null);
                String look = (screen == Browser.Screen.LAPTOP ? "laptop" : "phone") + (dark ? "-dark" : "-light");
                assertEquals(dark, page.script("""
                        const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\\d+/g).map(Number);
                        return r + g + b < 200;"""), look + ": the page follows the system's colours");
                page.script("window.scrollTo(0, document.documentElement.scrollHeight);");
                @SuppressWarnings("unchecked")
                List<String> covered = (List<String>) page.script("""
                        const toasts = [...document.querySelectorAll('#toasts .toast')].map((t) => t.getBoundingClientRect());
                        const hits = [];
                        for (const c of document.querySelectorAll('button, input, a, label.button, select, textarea')) {
                          if (c.closest('#toasts') || !c.getClientRects().length) continue;
                          const target = c.type === 'file' ? c.parentElement : c;
                          const r = target.getBoundingClientRect();
                          if (r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
                          for (const t of toasts) {
                            if (r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom) {
                              hits.push((c.id || c.getAttribute('aria-label') || c.className) + ' at ' + Math.round(r.top));
                            }
                          }
                        }
                        return hits;
                        """);
                page.screenshot(SCREENSHOTS, "toasts-" + look + ".png");
                assertEquals(List.of(), covered, look + ": no toast covers a control");
                assertEquals(Boolean.TRUE, page.script("""
                        const r = document.getElementById('chat-send').getBoundingClientRect();
                        return r.bottom <= innerHeight && r.top >= 0;"""), look + ": the Send button can be reached");
                page.close();
                browsers.remove(page);
            }
        }
    }

    /** A page on 127.0.0.1: a secure context (loopback), where a service worker may run, as on HTTPS. */
    private Browser securePage(String name) throws Exception {
        return browser(name, Browser.Screen.DESKTOP, List.of(), server.url("/"));
    }

    @Test
    void openOnAPhoneShowsAQrCodeThatReadsAsAnAddressOfThePage() throws Exception {
        Browser alice = browser("alice");
        alice.awaitConnectedInNetwork();
        alice.script("document.getElementById('link-button').click();");
        alice.until(d -> Boolean.TRUE.equals(alice.script(
                "return document.getElementById('link-dialog').open && document.getElementById('link-qr').complete"
                        + " && document.getElementById('link-qr').naturalWidth > 0;")) ? Boolean.TRUE : null);
        String shown = alice.visibleText("#link-url");
        // The server lists the addresses it answers on; in production, its configured origins.
        assertTrue(shown.equals(server.url("/")) || shown.equals(server.url(LAN_NAME, "/")), "an address of the page: " + shown);
        byte[] png = alice.elementScreenshot("link-qr");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        com.google.zxing.Result read = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                        image.getWidth(), image.getHeight(), pixels))));
        assertEquals(shown, read.getText(), "the QR code a phone scans says the address shown");
        alice.screenshot(SCREENSHOTS, "open-on-a-phone.png");
    }

    @Test
    void thePageIsInstallableAndFilesSharedToItFromTheSystemMenuGoToWhoThePersonPicks() throws Exception {
        Path shared = randomFile("shared-photo.jpg", 300_000, 66);
        Browser bob = securePage("bob");
        bob.join("Shared", "Bob");
        Browser alice = securePage("alice");
        alice.join("Shared", "Alice");
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) alice.asyncScript("""
                const done = arguments[arguments.length - 1];
                const link = document.querySelector('link[rel=manifest]');
                fetch(link.href).then((r) => r.json()).then(done, (e) => done({ error: String(e) }));
                """);
        assertEquals("standalone", manifest.get("display"), "installable as an app: " + manifest);
        assertTrue(String.valueOf(manifest.get("share_target")).contains("share-target"), "a share target: " + manifest);
        assertEquals(Boolean.TRUE, alice.asyncScript("""
                const done = arguments[arguments.length - 1];
                navigator.serviceWorker.ready.then(() => done(true), () => done(false));
                """), "the service worker that takes shared files runs");
        // What the system's share menu does: a multipart POST of the files to the manifest's share_target.
        alice.script("""
                const form = document.createElement('form');
                form.method = 'POST'; form.enctype = 'multipart/form-data'; form.action = 'share-target'; form.id = 'share';
                const input = document.createElement('input');
                input.type = 'file'; input.name = 'files'; input.id = 'share-files';
                form.append(input);
                document.body.append(form);
                """);
        alice.chooseFiles("share-files", shared);
        alice.script("document.getElementById('share').submit();");
        alice.until(d -> alice.visibleText("#shared-text").equals("shared-photo.jpg is ready to send: pick who gets it.")
                ? Boolean.TRUE : null);
        alice.awaitConnectedInNetwork();
        alice.clickPeerAction("Bob", "send-shared");
        bob.clickTransferAction("shared-photo.jpg", "accept");
        assertEquals(sha256(Files.readAllBytes(shared)), sha256(bob.savedBytes("shared-photo.jpg")));
        assertTrue(!alice.displayed("shared-files"), "once sent, the shared files are no longer offered");
    }
}
