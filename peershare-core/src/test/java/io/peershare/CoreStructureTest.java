package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of the core that its documentation promises: what is exported, what the SPI holds, who builds the engine. */
class CoreStructureTest {

    /** Maven runs the tests with the module directory as the working directory. */
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path CLASSES = Path.of("target/classes");
    private static final int LONG_FILE = 300;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theModuleExportsTheApiTheSettingsTheSpiTheModelTheDefaultsAndTheProtocolOnly() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in, CoreStructureTest::compiledPackages);
        }
        Set<String> exported = module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("io.peershare", "io.peershare.config", "io.peershare.spi", "io.peershare.model",
                "io.peershare.defaults", "io.peershare.protocol")), exported);
        assertTrue(module.packages().stream().anyMatch(p -> p.startsWith("io.peershare.internal")),
                "the internal packages are in the module, just not exported");
    }

    private static Set<String> compiledPackages() {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> CLASSES.relativize(p.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSpiHoldsOnlyInterfacesToImplement() throws IOException, ClassNotFoundException {
        List<String> notInterfaces = new ArrayList<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve("io/peershare/spi"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$") || name.startsWith("package-info")) {
                    continue; // types nested in an interface (such as AdmissionPolicy.Admission) belong to it
                }
                Class<?> type = Class.forName("io.peershare.spi." + name.substring(0, name.length() - 6));
                if (!type.isInterface()) {
                    notInterfaces.add(type.getName());
                }
            }
        }
        assertEquals(List.of(), notInterfaces);
    }

    @Test
    void onlyTheApiBuildsTheEngineAndNothingItBuildsCallsBackIntoIt() throws IOException {
        List<String> referrers = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.endsWith(Path.of("internal/PeerShareEngine.java"))
                    && Files.readString(file).contains("PeerShareEngine")) {
                referrers.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(List.of("io/peershare/PeerShare.java"), referrers);
    }

    @Test
    void noFileOfTheCoreIsLongerThan300LinesWithoutSayingWhyAtItsTop() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            boolean explained = lines.stream().limit(40).anyMatch(l -> l.contains("Longer than " + LONG_FILE + " lines because"));
            if (lines.size() > LONG_FILE && !explained) {
                tooLong.add(SOURCES.relativize(file) + " (" + lines.size() + " lines)");
            }
        }
        assertEquals(List.of(), tooLong);
    }

    @Test
    void everythingAboutOtherNodesLivesInTheClusterPackage() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : sources()) {
            String path = SOURCES.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("io/peershare/internal/") && !path.startsWith("io/peershare/internal/cluster/")
                    && !path.endsWith("internal/PeerShareEngine.java")
                    && Files.readString(file).matches("(?s).*\\b(DistributedClusterLink|ClusterEvents|RemoteMembers|"
                            + "RemoteTransport|TransferOwners|io\\.peershare\\.spi\\.ClusterListener)\\b.*")) {
                outside.add(path);
            }
        }
        assertEquals(List.of(), outside, "only the engine, which builds the link, may name the cluster's classes");
    }
}
