package io.peershare.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The code blocks of one of the project's Markdown documents, so that tests can compile and run what the
 * documentation shows. Every fenced block is marked by an HTML comment on the line just above its opening fence,
 * which GitHub does not render:
 *
 * <pre>
 * &lt;!-- snippet: netty-server --&gt;
 * ```java
 * public final class ShareServer implements AutoCloseable { ...
 * </pre>
 *
 * <p>A Java block is either a whole compilation unit ({@link #unit}) or a fragment a test puts into a class of its
 * own, where a line holding only {@code /*{netty-server}*&#47;} stands for it ({@link #harness}). {@link #compile}
 * compiles them with the JDK's compiler against the test's class path; an error names the document and its line.
 */
public final class DocSnippets {

    /** The marker above a block; ids are unique across the documents the tests read. */
    public static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->");
    private static final Pattern PLACEHOLDER = Pattern.compile("(\\s*)/\\*\\{([a-z0-9-]+)}\\*/\\s*");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^[ \\t]*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    /** One fenced block: where its first line of code is, its language ({@code ""} for none), its id and its code. */
    public record Snippet(String file, int line, String language, String id, String code) {

        /** {@code docs/embedding.md:147}: the line of the block's first line of code. */
        public String where() {
            return file + ":" + line;
        }
    }

    private final String name;
    private final List<Snippet> snippets;

    private DocSnippets(String name, List<Snippet> snippets) {
        this.name = name;
        this.snippets = snippets;
    }

    /** The project's root directory: the nearest directory, from the working directory up, holding the parent POM. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("peershare-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no PeerShare project above " + Path.of("").toAbsolutePath());
    }

    /** The blocks of {@code document}, a path from the project's root such as {@code docs/embedding.md}. */
    public static DocSnippets of(String document) {
        try {
            return parse(document, Files.readAllLines(projectRoot().resolve(document), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocSnippets parse(String document, List<String> lines) {
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i);
            if (!fence.startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(document + ":" + (i + 1) + ": a code block that is never closed");
            }
            Matcher marker = i == 0 ? null : MARKER.matcher(lines.get(i - 1).strip());
            String id = marker != null && marker.matches() ? marker.group(1) : null;
            found.add(new Snippet(document, i + 2, fence.substring(3).strip(), id,
                    String.join("\n", lines.subList(i + 1, end))));
            i = end;
        }
        return new DocSnippets(document, List.copyOf(found));
    }

    /** Every block, in the document's order, marked or not. */
    public List<Snippet> all() {
        return snippets;
    }

    /** The block marked {@code id}; fails the test if there is none. */
    public Snippet snippet(String id) {
        return snippets.stream().filter(s -> id.equals(s.id())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no code block marked <!-- snippet: " + id + " -->"));
    }

    /** A Java block that is a whole compilation unit (imports and a top-level class), compiled as it is. */
    public Source unit(String id) {
        Snippet snippet = snippet(id);
        List<String> lines = snippet.code().lines().toList();
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            origins.add(snippet.file() + ":" + (snippet.line() + i));
        }
        return new Source(typeName(snippet.code(), snippet.where()), lines, origins);
    }

    /**
     * A test's own compilation unit in which each line {@code /*{id}*&#47;} is replaced by the Java block of this
     * document marked {@code id}, indented as the placeholder is.
     */
    public Source harness(String template) {
        List<String> lines = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        String type = typeName(template, "a harness");
        List<String> templateLines = template.lines().toList();
        for (int i = 0; i < templateLines.size(); i++) {
            Matcher placeholder = PLACEHOLDER.matcher(templateLines.get(i));
            if (!placeholder.matches()) {
                lines.add(templateLines.get(i));
                origins.add("the test's " + type + ".java:" + (i + 1));
                continue;
            }
            Snippet snippet = snippet(placeholder.group(2));
            List<String> code = snippet.code().lines().toList();
            for (int j = 0; j < code.size(); j++) {
                lines.add(code.get(j).isEmpty() ? "" : placeholder.group(1) + code.get(j));
                origins.add(snippet.file() + ":" + (snippet.line() + j));
            }
        }
        return new Source(type, lines, origins);
    }

    private static String typeName(String code, String what) {
        Matcher type = TYPE.matcher(code);
        if (!type.find()) {
            throw new AssertionError(what + " declares no top-level class");
        }
        return type.group(1);
    }

    /** Java source made of a test's lines and documents' lines; each line remembers where it came from. */
    public static final class Source {
        private final String type;
        private final List<String> lines;
        private final List<String> origins;

        private Source(String type, List<String> lines, List<String> origins) {
            this.type = type;
            this.lines = List.copyOf(lines);
            this.origins = List.copyOf(origins);
        }

        public String type() {
            return type;
        }

        public String text() {
            return String.join("\n", lines) + "\n";
        }

        private String origin(long line) {
            return line >= 1 && line <= origins.size() ? origins.get((int) line - 1) : type + ".java:" + line;
        }

        private String line(long line) {
            return line >= 1 && line <= lines.size() ? lines.get((int) line - 1).strip() : "";
        }
    }

    /**
     * Compiles the sources together against the test's class path. A compilation error fails the test with each
     * error at the document's line it came from (or the test's), and the line itself.
     */
    public static Compiled compile(Source... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK, with its compiler, not a JRE");
        }
        Map<JavaFileObject, Source> units = new LinkedHashMap<>();
        for (Source source : sources) {
            units.put(new SimpleJavaFileObject(URI.create("string:///" + source.type() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            }, source);
        }
        Path classes;
        try {
            classes = Files.createTempDirectory("peershare-doc-snippets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "-proc:none", "-encoding", "UTF-8");
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            compiled = javac.getTask(null, files, diagnostics, options, null, units.keySet()).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!compiled) {
            delete(classes);
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> {
                        Source source = units.get(d.getSource());
                        return source == null ? d.getMessage(Locale.ROOT)
                                : source.origin(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT) + "\n    "
                                        + source.line(d.getLineNumber());
                    })
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("the documentation's code does not compile:\n" + errors);
        }
        return new Compiled(classes);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** Classes compiled from the documents, loaded on top of the test's class path. Close it when done with them. */
    public static final class Compiled implements AutoCloseable {
        private final Path classes;
        private final URLClassLoader loader;

        private Compiled(Path classes) {
            this.classes = classes;
            try {
                this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                        Thread.currentThread().getContextClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Class<?> type(String name) {
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the documentation's code has no class " + name, e);
            }
        }

        /** Calls the static method {@code method} of class {@code type}, the one taking {@code args.length} arguments. */
        public Object call(String type, String method, Object... args) throws Exception {
            return invoke(type(type), null, method, args);
        }

        /** Calls the method {@code method} of {@code target}, an object of a compiled class. */
        public Object invoke(Object target, String method, Object... args) throws Exception {
            return invoke(target.getClass(), target, method, args);
        }

        private static Object invoke(Class<?> type, Object target, String name, Object[] args) throws Exception {
            Method method = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(type.getName() + " has no method " + name + " of "
                            + args.length + " arguments"));
            method.setAccessible(true);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            loader.close();
            delete(classes);
        }
    }
}
