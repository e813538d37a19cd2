package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine must run behind any transport: its sources import no WebSocket, container or server API. */
class CoreIsTransportAgnosticTest {

    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path SOURCES = Path.of("src/main/java");

    private static final List<String> BANNED = List.of("jakarta.websocket", "javax.websocket", "org.glassfish.tyrus",
            "org.glassfish.grizzly", "org.apache.tomcat", "org.apache.catalina", "org.eclipse.jetty", "io.netty",
            "jakarta.servlet", "javax.servlet");

    /** {@code import [static] <banned package>.…;} — the package itself or anything below it. */
    private static final Pattern BANNED_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?("
            + BANNED.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")(\\.|\\s*;).*");

    static boolean isBannedImport(String line) {
        return BANNED_IMPORT.matcher(line).matches();
    }

    private static List<Path> coreSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static Stream<String> bannedImportsOf(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(CoreIsTransportAgnosticTest::isBannedImport)
                    .map(line -> file + ": " + line.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanFindsTheCoresSources() throws IOException {
        List<Path> sources = coreSources();
        assertTrue(sources.size() > 30, "the scan must see the core's sources, found " + sources.size());
        assertTrue(sources.stream().anyMatch(p -> p.endsWith(Path.of("io/peershare/PeerShare.java"))));
    }

    @Test
    void noSourceFileOfTheCoreImportsATransport() throws IOException {
        List<Path> sources = coreSources();
        assertTrue(sources.size() > 30, "the scan must see the core's sources, found " + sources.size());
        assertEquals(List.of(), sources.stream().flatMap(CoreIsTransportAgnosticTest::bannedImportsOf).toList());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "import jakarta.websocket.Session;",
        "import javax.websocket.*;",
        "import org.glassfish.tyrus.server.Server;",
        "import org.glassfish.grizzly.http.server.HttpServer;",
        "import org.apache.tomcat.websocket.WsSession;",
        "import org.eclipse.jetty.websocket.api.Session;",
        "import io.netty.channel.Channel;",
        "import jakarta.servlet.http.HttpServletRequest;",
        "import static jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE;",
        "  import   io.netty.buffer.ByteBuf ;",
    })
    void theMatcherFlagsATransportImport(String line) {
        assertTrue(isBannedImport(line));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "import jakarta.json.JsonObject;",
        "import java.net.InetAddress;",
        "import io.peershare.spi.Transport;",
        "import io.nettyish.Foo;",
        "// import jakarta.websocket.Session;",
        " * {@link jakarta.websocket.Session}",
    })
    void theMatcherLeavesOtherLinesAlone(String line) {
        assertFalse(isBannedImport(line));
    }
}
