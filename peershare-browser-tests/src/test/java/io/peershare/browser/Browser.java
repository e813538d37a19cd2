package io.peershare.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium showing the demo page, driven like a person would: typing, choosing files,
 * clicking. Debian's chromium and chromium-driver are used as installed; nothing is downloaded.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String name;

    /** Why browser tests cannot run here, or {@code null} when they can. */
    static String missingReason() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "Chromium not found at " + CHROMIUM + " (apt-get install -y chromium chromium-driver)";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return "ChromeDriver not found at " + CHROMEDRIVER + " (apt-get install -y chromium-driver)";
        }
        return null;
    }

    /** What the page is shown on. */
    enum Screen {
        /** A desktop window, 1280 × 860, with a mouse (fine pointer, hover). */
        DESKTOP(1280, 860, false),
        /** A laptop's window, 1280 × 800, with a mouse. */
        LAPTOP(1280, 800, false),
        /** A phone: Chromium's mobile emulation, 360 × 740 CSS pixels, touch, no hover. */
        PHONE(360, 740, true),
        /** A larger phone, 390 × 844 CSS pixels, touch, no hover. */
        LARGE_PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Screen(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    Browser(String name, Path profileDir) {
        this(name, profileDir, Screen.DESKTOP);
    }

    Browser(String name, Path profileDir, Screen screen) {
        this(name, profileDir, screen, List.of());
    }

    /** With Chromium's own {@code extraArguments}, such as {@code --host-resolver-rules}. */
    Browser(String name, Path profileDir, Screen screen, List<String> extraArguments) {
        this.name = name;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                // WebRTC between two pages on one machine: allow loopback ICE candidates, and give host
                // candidates as IP addresses rather than mDNS names no resolver here can answer.
                "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--window-size=" + (screen.mobile ? "1280,860" : screen.width + "," + screen.height),
                "--user-data-dir=" + profileDir.toAbsolutePath());
        options.addArguments(extraArguments);
        if (!screen.mobile) {
            // Headless Chromium has no pointing device ("hover: none", "pointer: none"); a desktop has a mouse.
            options.addArguments("--blink-settings=primaryPointerType=4,primaryHoverType=2,availablePointerTypes=4,"
                    + "availableHoverTypes=2");
        }
        if (screen.mobile) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", screen.width, "height", screen.height, "pixelRatio", 2.0, "touch", true, "mobile", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} in the page; its {@code return} value comes back. */
    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Joins as a person would: the page has joined by itself (everyone on this Wi-Fi, a generated name); the person
     * opens "change your name or network" from the header and types a named network, or, with {@code network}
     * {@code null} or empty, keeps the first choice "Everyone on this Wi-Fi", and their name.
     */
    void join(String network, String user) {
        fillJoinForm(network, user);
        driver.findElement(By.id("join-button")).click();
        String label = network == null || network.isEmpty() ? "Everyone on this Wi-Fi" : network;
        until(d -> d.findElement(By.id("app-view")).isDisplayed() && label.equals(networkLabel())
                && statusText().equals("Online as " + user));
    }

    /** Opens the form of name and network, once the page's own first join is done (or it asks, after a Leave). */
    void openJoinForm() {
        until(d -> d.findElement(By.id("join-view")).isDisplayed() || (d.findElement(By.id("me-button")).isDisplayed()
                && Boolean.TRUE.equals(script("return Boolean(window.peershare.selfId);"))));
        if (!driver.findElement(By.id("join-view")).isDisplayed()) {
            driver.findElement(By.id("me-button")).click();
            until(d -> d.findElement(By.id("join-view")).isDisplayed());
        }
    }

    /** Fills the join form as {@link #join} does, without pressing Join. */
    void fillJoinForm(String network, String user) {
        openJoinForm();
        if (network == null || network.isEmpty()) {
            driver.findElement(By.cssSelector("label[for=network-mode-local]")).click();
        } else {
            driver.findElement(By.cssSelector("label[for=network-mode-named]")).click();
            WebElement networkField = driver.findElement(By.id("network-name"));
            networkField.clear();
            networkField.sendKeys(network);
        }
        WebElement userField = driver.findElement(By.id("user-name"));
        userField.clear();
        userField.sendKeys(user);
    }

    /** Presses Join and returns the explanation shown next to the field with this id, once it shows. */
    String pressJoinExpectingError(String fieldId) {
        driver.findElement(By.id("join-button")).click();
        return until(d -> {
            WebElement error = d.findElement(By.id(fieldId + "-error"));
            return error.isDisplayed() && !error.getText().isEmpty() ? error.getText() : null;
        });
    }

    /** An attribute of the element with this id, or {@code null}. */
    String attribute(String id, String attribute) {
        return driver.findElement(By.id(id)).getAttribute(attribute);
    }

    boolean displayed(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    /** The text of the first element matching the CSS selector, as shown (hidden parts left out). */
    String visibleText(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** Types keys into whatever has focus, as a person at the keyboard does. */
    void pressKeys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** The focused element: its id, else its aria-label, else its tag and classes. */
    String focused() {
        return (String) script("""
                const a = document.activeElement;
                if (!a || a === document.body) return 'body';
                return a.id || a.getAttribute('aria-label') || (a.tagName.toLowerCase() + '.' + a.className);
                """);
    }

    /**
     * Whether the focused element shows that it has focus: an outline of at least 2 px of its own or, for the
     * invisible file input inside "Send file", on the button around it.
     */
    boolean focusIsVisible() {
        return Boolean.TRUE.equals(script("""
                const ringed = (e) => {
                  const s = getComputedStyle(e);
                  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                };
                const a = document.activeElement;
                if (!a || a === document.body) return false;
                return ringed(a) || (a.classList.contains('file-input') && ringed(a.closest('.send-file')));
                """));
    }

    /** Runs an asynchronous script in the page: it calls its last argument with the value to return. */
    Object asyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** Reloads the page, as the reload button does. */
    void reload() {
        driver.navigate().refresh();
    }

    /**
     * Whether the page would ask before being left now: a {@code beforeunload} event that it cancels. (WebDriver
     * accepts the browser's own leave dialog by itself, so the question is asked as the browser asks it.)
     */
    boolean warnsBeforeLeaving() {
        return Boolean.TRUE.equals(driver.executeScript("""
                const e = new Event('beforeunload', { cancelable: true });
                window.dispatchEvent(e);
                return e.defaultPrevented;"""));
    }

    /** Shows the page as the system's dark (or light) mode asks. */
    void prefersDarkMode(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /**
     * Opens a copy of this tab, with a copy of its {@code sessionStorage} as the browser's "Duplicate" makes, and
     * works in the copy from now on. Returns the original tab's handle, for {@link #switchToTab}.
     */
    String duplicateTab() {
        String original = driver.getWindowHandle();
        Set<String> before = driver.getWindowHandles();
        driver.executeScript("window.open(location.href, '_blank');");
        until(d -> d.getWindowHandles().size() > before.size());
        String copy = driver.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
        driver.switchTo().window(copy);
        return original;
    }

    void switchToTab(String handle) {
        driver.switchTo().window(handle);
    }

    /** The client's connection state as the page shows it: connected, reconnecting, ... */
    String connectionState() {
        return (String) script("return document.body.dataset.connection || null;");
    }

    /** Waits until the page is in a network again and its client is connected. */
    void awaitConnectedInNetwork() {
        until(d -> "connected".equals(connectionState()) && d.findElement(By.id("app-view")).isDisplayed()
                && Boolean.TRUE.equals(script("return Boolean(window.peershare && window.peershare.selfId);")));
    }

    String selfId() {
        return (String) script("return window.peershare.selfId;");
    }

    String networkLabel() {
        return driver.findElement(By.id("network-label")).getText();
    }

    String statusText() {
        return driver.findElement(By.id("status")).getText();
    }

    /** Texts of the messages the page shows as the user's own. */
    List<String> ownMessageTexts() {
        return driver.findElements(By.cssSelector("#messages .message.mine .text")).stream().map(WebElement::getText).toList();
    }

    List<String> peerNames() {
        return driver.findElements(By.cssSelector("#peer-list .name")).stream().map(WebElement::getText).toList();
    }

    /** Names of the people shown as reconnecting (their connection dropped; the server waits for them). */
    List<String> awayPeerNames() {
        return driver.findElements(By.cssSelector("#peer-list .peer.away .name")).stream().map(WebElement::getText).toList();
    }

    List<String> messageTexts() {
        return driver.findElements(By.cssSelector("#messages .text")).stream().map(WebElement::getText).toList();
    }

    void chat(String text) {
        WebElement input = driver.findElement(By.id("chat-input"));
        input.sendKeys(text);
        driver.findElement(By.cssSelector("#chat-form button")).click();
    }

    /** Chooses files in the peer's file picker, as a person does with the "Send file" button. */
    void sendFiles(String peerName, Path... files) {
        String paths = String.join("\n", java.util.Arrays.stream(files).map(p -> p.toAbsolutePath().toString()).toList());
        // The list is drawn again whenever someone comes, goes or is away: find the row again if it was replaced.
        until(d -> {
            try {
                peerRow(peerName).findElement(By.cssSelector("input[type=file]")).sendKeys(paths);
                return Boolean.TRUE;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    /** Chooses files in the file input with this id. */
    void chooseFiles(String inputId, Path... files) {
        driver.findElement(By.id(inputId)).sendKeys(String.join("\n",
                java.util.Arrays.stream(files).map(p -> p.toAbsolutePath().toString()).toList()));
    }

    /** Clicks a button (by class) in the row of this person. */
    void clickPeerAction(String peerName, String actionClass) {
        until(d -> peerRow(peerName).findElements(By.className(actionClass)).stream().findFirst().orElse(null)).click();
    }

    /** The element with this id as it shows on the screen, as a PNG. */
    byte[] elementScreenshot(String id) {
        return driver.findElement(By.id(id)).getScreenshotAs(OutputType.BYTES);
    }

    WebElement peerRow(String peerName) {
        return until(d -> d.findElements(By.cssSelector("#peer-list .peer")).stream()
                .filter(row -> row.findElement(By.className("name")).getText().equals(peerName))
                .findFirst().orElse(null));
    }

    WebElement transferRow(String fileName) {
        return until(d -> d.findElements(By.cssSelector("#transfer-list .transfer")).stream()
                .filter(row -> row.findElement(By.className("file-name")).getText().equals(fileName))
                .findFirst().orElse(null));
    }

    /** Waits for the transfer of this file to reach a state (pending, accepted, completed, ...). */
    WebElement awaitTransferState(String fileName, String state) {
        return until(d -> {
            WebElement row = transferRow(fileName);
            return state.equals(row.getAttribute("data-state")) ? row : null;
        });
    }

    void clickTransferAction(String fileName, String actionClass) {
        until(d -> transferRow(fileName).findElements(By.className(actionClass)).stream().findFirst().orElse(null)).click();
    }

    String transferStateText(String fileName) {
        return transferRow(fileName).findElement(By.className("state")).getText();
    }

    /** The bytes behind the "Save" link of a received file: exactly what the person would download. */
    byte[] savedBytes(String fileName) {
        WebElement link = awaitTransferState(fileName, "completed").findElement(By.cssSelector("a.download"));
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => r.arrayBuffer()).then((buffer) => {
                  const bytes = new Uint8Array(buffer);
                  let text = '';
                  for (let i = 0; i < bytes.length; i += 0x8000) {
                    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                  }
                  done(btoa(text));
                }).catch((e) => done('ERROR ' + e));
                """, link.getAttribute("href"));
        String base64 = (String) result;
        if (base64.startsWith("ERROR")) {
            throw new AssertionError(base64);
        }
        return Base64.getDecoder().decode(base64);
    }

    /** The texts of the toasts shown (without their buttons). */
    List<String> toasts() {
        return driver.findElements(By.cssSelector("#toasts .toast .toast-text")).stream().map(WebElement::getText).toList();
    }

    /** Clicks a button (by class) in the toast that mentions this text. */
    void clickToastAction(String mentioning, String actionClass) {
        until(d -> d.findElements(By.cssSelector("#toasts .toast")).stream()
                .filter(t -> t.findElement(By.className("toast-text")).getText().contains(mentioning))
                .flatMap(t -> t.findElements(By.className(actionClass)).stream()).findFirst().orElse(null)).click();
    }

    Path screenshot(Path dir, String file) throws Exception {
        Files.createDirectories(dir);
        Path target = dir.resolve(file);
        Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        return target;
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT).withMessage(() -> name + ": condition not met; page:\n"
                + driver.findElement(By.tagName("body")).getText()).until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
