package io.peershare.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testkit.NodePackages;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries in the page's {@code vendor/} folder are, byte for byte, the files of the packages npm installs from
 * {@code src/main/js/package-lock.json} (which pins each package's integrity hash), and nothing else is there: what
 * the page runs is what was reviewed upstream. To update one, change its version and run {@code npm run vendor}.
 */
class VendoredLibrariesTest {

    private static final Path SOURCES = Path.of("src/main/js").toAbsolutePath();
    private static final Path VENDOR = Path.of("src/main/resources/META-INF/resources/peershare/vendor").toAbsolutePath();

    @Test
    void everyVendoredFileIsThePinnedPackagesOwn() throws Exception {
        NodePackages.requireNode("the vendored libraries' check");
        NodePackages.installed(SOURCES);
        Set<Path> expected = new HashSet<>();
        JsonObject vendored = vendoredTable();
        for (String folder : vendored.keySet()) {
            JsonArray entry = vendored.getJsonArray(folder);
            Path pkg = SOURCES.resolve("node_modules").resolve(entry.getString(0));
            for (JsonArray file : entry.getJsonArray(1).getValuesAs(JsonArray.class)) {
                Path copy = VENDOR.resolve(folder).resolve(file.getString(1));
                expected.add(copy);
                assertTrue(Files.isRegularFile(copy), copy + " is vendored: run npm run vendor in " + SOURCES);
                assertArrayEquals(Files.readAllBytes(pkg.resolve(file.getString(0))), Files.readAllBytes(copy),
                        copy + " differs from " + entry.getString(0) + "'s " + file.getString(0) + ": run npm run vendor");
            }
        }
        try (Stream<Path> files = Files.walk(VENDOR)) {
            Set<Path> present = files.filter(Files::isRegularFile).collect(Collectors.toSet());
            present.removeAll(expected);
            assertEquals(Set.of(), present, "files in vendor/ that no package of the lock file accounts for");
        }
    }

    /** vendor.mjs's table, as Node reads it. */
    private static JsonObject vendoredTable() throws Exception {
        Process node = new ProcessBuilder("node", "--input-type=module", "-e",
                "const m = await import('./vendor.mjs'); console.log(JSON.stringify(m.VENDORED));")
                .directory(SOURCES.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node finished");
        assertEquals(0, node.exitValue(), output);
        return Json.createReader(new StringReader(output)).readObject();
    }
}
