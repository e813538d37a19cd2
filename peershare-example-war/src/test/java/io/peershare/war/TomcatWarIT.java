package io.peershare.war;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The WAR in Debian's {@code tomcat10} package as an operator runs it: a private instance made by
 * {@code tomcat10-instance-create}, started with the package's {@code catalina.sh run}, the WAR dropped into
 * {@code webapps} and removed from it. {@code RemoteIpValve} and the context parameter come from
 * {@code src/test/resources/tomcat}, the snippets docs/embedding.md shows.
 */
class TomcatWarIT extends WarContract {

    static final Path CATALINA_HOME = Path.of("/usr/share/tomcat10");
    static final String LEAK = "failed to stop it|ThreadLocal|memory leak";

    private Path base;
    private int port;
    private ServerProcess tomcat;
    private int deployedAt;

    @BeforeAll
    void startTomcatAndDeploy() throws Exception {
        if (!Files.isExecutable(CATALINA_HOME.resolve("bin/catalina.sh"))
                || !Files.isExecutable(Path.of("/usr/bin/tomcat10-instance-create"))) {
            String reason = "Debian's tomcat10 and tomcat10-user packages are not installed (.ci/run installs them)";
            System.out.println("[peershare-example-war] SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        base = Path.of("target/tomcat-it").toAbsolutePath();
        deleteTree(base);
        port = ServerProcess.freePort();
        int shutdownPort = ServerProcess.freePort();
        Process create = new ProcessBuilder("tomcat10-instance-create", "-p", String.valueOf(port),
                "-c", String.valueOf(shutdownPort), base.toString()).redirectErrorStream(true).start();
        String created = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (create.waitFor() != 0) {
            throw new AssertionError("tomcat10-instance-create failed:\n" + created);
        }
        configure();
        tomcat = ServerProcess.start(List.of(CATALINA_HOME.resolve("bin/catalina.sh").toString(), "run"),
                Map.of("CATALINA_HOME", CATALINA_HOME.toString(), "CATALINA_BASE", base.toString(),
                        "CATALINA_TMPDIR", base.resolve("temp").toString()),
                base.resolve("logs/console.log"));
        tomcat.await("Tomcat's start-up", Duration.ofSeconds(60), () -> tomcat.log().contains("Server startup in"));
        deployedAt = tomcat.log().length();
        dropWar(base.resolve("webapps"));
        tomcat.await("the WAR's deployment", Duration.ofSeconds(60), () -> status("/health") == 200);
    }

    /** Binds to 127.0.0.1, adds the RemoteIpValve and the context parameter as docs/embedding.md shows. */
    private void configure() throws IOException {
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml);
        server = server.replace("<Connector port=\"" + port + "\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\"")
                // The test's own pace: look for new and removed WARs every second rather than every ten.
                .replace("<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                        "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">")
                .replace("</Host>", resource("tomcat/remote-ip-valve.xml") + "\n      </Host>");
        Files.writeString(serverXml, server);
        Path contextXml = base.resolve("conf/context.xml");
        Files.writeString(contextXml, Files.readString(contextXml)
                .replace("</Context>", resource("tomcat/context-parameter.xml") + "</Context>"));
    }

    static String resource(String name) throws IOException {
        try (var in = TomcatWarIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    int port() {
        return port;
    }

    @Override
    void undeploy() throws Exception {
        Files.delete(base.resolve("webapps/peershare.war"));
        // Tomcat deletes the unpacked folder after the context has stopped, leak checks included.
        tomcat.await("the undeploy", Duration.ofSeconds(60), () -> !Files.exists(base.resolve("webapps/peershare")));
    }

    @Override
    List<String> leakWarnings() {
        String log = tomcat.log();
        return linesMatching(log.substring(Math.min(deployedAt, log.length())), Pattern.compile(LEAK));
    }

    @Override
    void stopServer() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
