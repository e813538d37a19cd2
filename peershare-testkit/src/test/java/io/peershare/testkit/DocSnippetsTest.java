package io.peershare.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testkit.DocSnippets.Compiled;
import io.peershare.testkit.DocSnippets.Snippet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocSnippetsTest {

    private static final DocSnippets GUIDE = DocSnippets.parse("docs/guide.md", """
            # A guide

            <!-- snippet: sum -->
            ```java
            int sum = a + b;
            ```

            ```sh
            mvn verify
            ```

            <!-- snippet: broken -->
            ```java
            int sum = a + b;
            String text = sum;
            ```

            <!-- snippet: greeter -->
            ```java
            public final class Greeter {
                public static String greet(String name) {
                    return "Hello, " + name;
                }
            }
            ```
            """.lines().toList());

    @Test
    void blocksKeepTheirIdLanguageFirstLineAndCode() {
        List<Snippet> all = GUIDE.all();
        assertEquals(4, all.size());
        assertEquals(new Snippet("docs/guide.md", 5, "java", "sum", "int sum = a + b;"), all.get(0));
        assertNull(all.get(1).id(), "a block without the marker line above it has no id");
        assertEquals("sh", all.get(1).language());
        assertEquals("docs/guide.md:14", GUIDE.snippet("broken").where());
        assertThrows(AssertionError.class, () -> GUIDE.snippet("missing"));
    }

    @Test
    void aHarnessRunsTheFragmentInItsPlace() throws Exception {
        try (Compiled code = DocSnippets.compile(GUIDE.harness("""
                public class Sum {
                    public static int of(int a, int b) {
                        /*{sum}*/
                        return sum;
                    }
                }
                """))) {
            assertEquals(5, code.call("Sum", "of", 2, 3));
        }
    }

    @Test
    void aWholeClassCompilesAsItIsBesideTheTestsCode() throws Exception {
        try (Compiled code = DocSnippets.compile(GUIDE.unit("greeter"), GUIDE.harness("""
                public class UsesGreeter {
                    public static String run() {
                        return Greeter.greet("Alice");
                    }
                }
                """))) {
            assertEquals("Hello, Alice", code.call("UsesGreeter", "run"));
            assertEquals("Hello, Bob", code.call("Greeter", "greet", "Bob"));
        }
    }

    @Test
    void anErrorIsReportedAtTheDocumentsLine() {
        AssertionError error = assertThrows(AssertionError.class, () -> DocSnippets.compile(GUIDE.harness("""
                public class Broken {
                    static void run(int a, int b) {
                        /*{broken}*/
                    }
                }
                """)));
        assertTrue(error.getMessage().contains("docs/guide.md:15: incompatible types"), error.getMessage());
        assertTrue(error.getMessage().contains("String text = sum;"), error.getMessage());
    }

    @Test
    void anErrorInTheTestsOwnLinesNamesTheTestsLine() {
        AssertionError error = assertThrows(AssertionError.class, () -> DocSnippets.compile(GUIDE.harness("""
                public class Wrong {
                    static int run(int a, int b) {
                        /*{sum}*/
                        return nothing;
                    }
                }
                """)));
        assertTrue(error.getMessage().contains("the test's Wrong.java:4: cannot find symbol"), error.getMessage());
    }
}
