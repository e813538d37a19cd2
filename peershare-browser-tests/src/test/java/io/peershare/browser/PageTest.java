package io.peershare.browser;

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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the page's tests share: one server jar for the whole class (started by the subclass's {@code @BeforeAll}
 * with {@link #startServer}), the browsers a test opened (closed after it), and random files to send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageTest {

    static final Path SCREENSHOTS = Path.of(System.getProperty("peershare.screenshots", "target/screenshots"));

    @TempDir
    Path work;

    ServerProcess server;
    final List<Browser> browsers = new ArrayList<>();

    /** Starts the server, or skips the class (saying why) where there is no Chromium. */
    void startServer(Path serverDir, Map<String, String> env, List<String> hostNames) throws Exception {
        String missing = Browser.missingReason();
        if (missing != null) {
            System.out.println("[peershare-browser-tests] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        server = ServerProcess.start(serverDir, env, hostNames);
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
        browsers.clear();
    }

    /** A new browser, closed after the test, showing {@code url}. */
    Browser browser(String name, Browser.Screen screen, List<String> chromiumArguments, String url) throws Exception {
        Browser browser = new Browser(name, Files.createDirectories(work.resolve("profile-" + name)), screen,
                chromiumArguments);
        browsers.add(browser);
        browser.open(url);
        return browser;
    }

    Path randomFile(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(work.resolve(name), bytes);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
