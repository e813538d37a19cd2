package io.peershare.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.testkit.DocSnippets;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows, to the letter, the container configuration {@link WildFlyWarIT} and {@link TomcatWarIT} use. */
class WarDocsTest {

    private static final DocSnippets EMBEDDING = DocSnippets.of("docs/embedding.md");

    @Test
    void theWarSectionShowsTheConfigurationTheServerTestsUse() throws IOException {
        Map<String, String> resources = Map.of(
                "wildfly-proxy-forwarding", "wildfly/proxy-address-forwarding.cli",
                "tomcat-context-parameter", "tomcat/context-parameter.xml",
                "tomcat-remote-ip-valve", "tomcat/remote-ip-valve.xml");
        for (Map.Entry<String, String> block : resources.entrySet()) {
            DocSnippets.Snippet snippet = EMBEDDING.snippet(block.getKey());
            assertEquals(TomcatWarIT.resource(block.getValue()).strip(), snippet.code(),
                    () -> snippet.where() + " shows " + block.getValue() + " as the server tests use it");
        }
    }
}
