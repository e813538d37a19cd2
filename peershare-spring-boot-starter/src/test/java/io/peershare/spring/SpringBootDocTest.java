package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.DocSnippets;
import io.peershare.testkit.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/embedding.md's Spring Boot blocks do what it says: the properties, the page served from peershare-web's jar
 * beside the endpoint moved to it, a bean of one's own. (The dependency blocks: {@code DocsSnippetsTest} of the
 * reference server.)
 */
class SpringBootDocTest {

    private static final DocSnippets EMBEDDING = DocSnippets.of("docs/embedding.md");
    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path BEANS_TEST = Path.of("src/test/java/io/peershare/spring/ApplicationBeansTest.java");

    /** Each line of a properties block as a command-line argument, so that it is read exactly as written. */
    private static List<String> arguments(String id) {
        DocSnippets.Snippet properties = EMBEDDING.snippet(id);
        assertEquals("properties", properties.language(), properties.where());
        return properties.code().lines().map(line -> "--" + line.strip()).toList();
    }

    @Test
    void thePropertiesOfTheGuideDoWhatItSaysAndThePageIsServedBesideTheEndpoint() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        args.addAll(arguments("spring-boot-properties"));
        args.addAll(arguments("web-spring-boot-properties"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class)
                .run(args.toArray(String[]::new))) {
            assertEquals(500L * 1024 * 1024, app.getBean(PeerShare.class).config().maxFileSize());
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            URI ws = URI.create("ws://127.0.0.1:" + port + "/peershare/ws");
            assertEquals(101, WsTestClient.handshakeStatus(ws, "https://share.example.com"));
            assertEquals(403, WsTestClient.handshakeStatus(ws, "https://elsewhere.example.com"));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(WsTestClient.TIMEOUT).build();
            for (String name : List.of("index.html", "app.js", "styles.css", "peershare-client.js")) {
                HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/peershare/" + name)).timeout(WsTestClient.TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, file.statusCode(), name);
                assertArrayEquals(webJarFile(name), file.body(), name);
            }
            // The guide says the folder itself is not answered: link to index.html.
            HttpResponse<Void> folder = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/peershare/")).timeout(WsTestClient.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(404, folder.statusCode());
        }
    }

    private static byte[] webJarFile(String name) throws IOException {
        try (InputStream in = SpringBootDocTest.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/peershare/" + name)) {
            assertTrue(in != null, "peershare-web has " + name);
            return in.readAllBytes();
        }
    }

    @Test
    void theBeanSnippetIsTheCodeOfApplicationBeansTest() throws IOException {
        String test = Files.readString(BEANS_TEST);
        String begin = "// --- docs/embedding.md: spring-boot-bean\n";
        int from = test.indexOf(begin);
        assertTrue(from >= 0, "ApplicationBeansTest marks the bean the guide shows");
        from += begin.length();
        assertEquals(dedent(test.substring(from, test.indexOf("// --- end", from))),
                EMBEDDING.snippet("spring-boot-bean").code());
    }

    private static String dedent(String code) {
        List<String> lines = Arrays.asList(code.split("\n"));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")).strip();
    }
}
