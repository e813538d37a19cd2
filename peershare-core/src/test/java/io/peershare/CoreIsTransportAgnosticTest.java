package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine must run behind any transport: its sources import no WebSocket, container or server API. */
class CoreIsTransportAgnosticTest {

    private static final List<String> BANNED = List.of("jakarta.websocket", "javax.websocket", "org.glassfish.tyrus",
            "org.glassfish.grizzly", "org.apache.tomcat", "org.apache.catalina", "org.eclipse.jetty", "io.netty",
            "jakarta.servlet", "javax.servlet");

    @Test
    void noSourceFileOfTheCoreImportsATransport() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 30, "the scan found the core's sources: " + sources.size());
        List<String> offending = sources.stream().flatMap(CoreIsTransportAgnosticTest::lines)
                .filter(line -> line.startsWith("import ") && BANNED.stream().anyMatch(b -> line.contains(" " + b)
                        || line.contains("static " + b)))
                .toList();
        assertEquals(List.of(), offending);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
