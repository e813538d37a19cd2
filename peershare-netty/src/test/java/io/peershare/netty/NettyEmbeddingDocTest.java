package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows the Netty set-up that {@link NettyAdapterContractTest} runs, to the letter. */
class NettyEmbeddingDocTest {

    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path DOC = Path.of("../docs/embedding.md");
    private static final Path TEST = Path.of("src/test/java/io/peershare/netty/NettyAdapterContractTest.java");

    @Test
    void theSnippetInTheEmbeddingGuideIsTheCodeOfTheTest() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```java\ngroup = new MultiThreadIoEventLoopGroup");
        assertTrue(start >= 0, "docs/embedding.md shows the Netty set-up");
        String snippet = doc.substring(start + "```java\n".length(), doc.indexOf("```", start + 7)).strip();

        String test = Files.readString(TEST);
        String begin = "// --- docs/embedding.md: Netty\n";
        int from = test.indexOf(begin) + begin.length();
        String code = test.substring(from, test.indexOf("// --- end", from));
        assertEquals(dedent(code), snippet);
    }

    private static String dedent(String code) {
        List<String> lines = Arrays.asList(code.split("\n"));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")).strip();
    }
}
