package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import java.io.IOException;
import java.net.URI;
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

/** docs/embedding.md's "Spring Boot" shows what works: the dependency, the two properties, a bean of one's own. */
class SpringBootDocTest {

    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path DOC = Path.of("../docs/embedding.md");
    private static final Path POM = Path.of("pom.xml");
    private static final Path BEANS_TEST = Path.of("src/test/java/io/peershare/spring/ApplicationBeansTest.java");

    private static String section() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Spring Boot\n");
        assertTrue(start >= 0, "docs/embedding.md has a Spring Boot section");
        return doc.substring(start, doc.indexOf("\n## ", start + 1));
    }

    private static String block(String section, String language) {
        int start = section.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "the Spring Boot section shows a " + language + " block");
        return section.substring(start + language.length() + 4, section.indexOf("```", start + 3)).strip();
    }

    @Test
    void theDependencyIsThisModule() throws IOException {
        String dependency = block(section(), "xml");
        String pom = Files.readString(POM);
        String coordinates = pom.substring(pom.indexOf("</parent>"));
        for (String element : new String[] {"groupId", "artifactId", "version"}) {
            String open = "<" + element + ">";
            String inDoc = dependency.substring(dependency.indexOf(open) + open.length(), dependency.indexOf("</" + element));
            String inPom = coordinates.substring(coordinates.indexOf(open) + open.length(), coordinates.indexOf("</" + element));
            assertEquals(inPom, inDoc, element);
        }
    }

    @Test
    void theTwoPropertiesDoWhatTheySay() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        block(section(), "properties").lines().map(line -> "--" + line.strip()).forEach(args::add);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class)
                .run(args.toArray(String[]::new))) {
            assertEquals(500L * 1024 * 1024, app.getBean(PeerShare.class).config().maxFileSize());
            URI ws = URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/ws");
            assertEquals(101, WsTestClient.handshakeStatus(ws, "https://share.example.com"));
            assertEquals(403, WsTestClient.handshakeStatus(ws, "https://elsewhere.example.com"));
        }
    }

    @Test
    void theBeanSnippetIsTheCodeOfApplicationBeansTest() throws IOException {
        String test = Files.readString(BEANS_TEST);
        String begin = "// --- docs/embedding.md: Spring Boot beans\n";
        int from = test.indexOf(begin) + begin.length();
        assertEquals(dedent(test.substring(from, test.indexOf("// --- end", from))), block(section(), "java"));
    }

    private static String dedent(String code) {
        List<String> lines = Arrays.asList(code.split("\n"));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")).strip();
    }
}
