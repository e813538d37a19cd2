package io.peershare.war;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows, to the letter, the container configuration {@link WildFlyWarIT} and {@link TomcatWarIT} use. */
class WarDocsTest {

    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path DOC = Path.of("../docs/embedding.md");

    @Test
    void theWarSectionShowsTheConfigurationTheServerTestsUse() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## WAR in an application server");
        int end = doc.indexOf("## Socket.IO clients");
        assertTrue(start >= 0 && start < end, "docs/embedding.md has the WAR section before Socket.IO clients");
        String section = doc.substring(start, end);
        for (String resource : List.of("wildfly/proxy-address-forwarding.cli", "tomcat/context-parameter.xml",
                "tomcat/remote-ip-valve.xml")) {
            String code = TomcatWarIT.resource(resource).strip();
            assertTrue(section.contains("\n" + code + "\n```"),
                    () -> "the WAR section shows " + resource + " as a snippet:\n" + code);
        }
    }
}
