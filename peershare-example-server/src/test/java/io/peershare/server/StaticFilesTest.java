package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

    private final StaticFiles files = new StaticFiles();

    @Test
    void servesThePageAndTheVendoredLibrariesFromPeershareWeb() {
        HttpReply page = files.find("/").orElseThrow();
        assertEquals("text/html;charset=UTF-8", page.contentType());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("app.js"));
        HttpReply sha2 = files.find("/vendor/noble-hashes/sha2.js").orElseThrow();
        assertEquals("text/javascript;charset=UTF-8", sha2.contentType());
        assertTrue(sha2.headers().get("Content-Security-Policy").contains("script-src 'self'"));
    }

    @Test
    void nothingOutsideTheFolderOrWithoutAKnownType() {
        for (String path : List.of("/../pom.xml", "/vendor/../app.js", "/.env", "/vendor/noble-hashes/LICENSE",
                "/a/b/c/d.js", "/vendor//sha2.js", "/missing.js", "/vendor/noble-hashes/")) {
            assertTrue(files.find(path).isEmpty(), path);
        }
    }
}
