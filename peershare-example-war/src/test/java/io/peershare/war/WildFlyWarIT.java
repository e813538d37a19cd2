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
 * The WAR in WildFly as its distribution comes (the {@code wildfly-dist} zip, unpacked by the build), started with
 * its own {@code bin/standalone.sh} on free ports, the WAR deployed and undeployed through the deployment scanner.
 * {@code proxy-address-forwarding} is switched on with the CLI line docs/embedding.md shows
 * ({@code src/test/resources/wildfly}); {@code FRONTEND_URL} comes from the environment.
 */
class WildFlyWarIT extends WarContract {

    private static final String LEAK = " (WARN|ERROR) ";

    private Path home;
    private Path deployments;
    private int port;
    private ServerProcess wildfly;
    private int deployedAt;

    @BeforeAll
    void startWildFlyAndDeploy() throws Exception {
        home = Path.of(System.getProperty("wildfly.home", "target/wildfly")).toAbsolutePath();
        if (!Files.isExecutable(home.resolve("bin/standalone.sh"))) {
            String reason = "no WildFly at " + home + " (the build unpacks org.wildfly:wildfly-dist there)";
            System.out.println("[peershare-example-war] SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        deployments = home.resolve("standalone/deployments");
        Files.deleteIfExists(deployments.resolve("peershare.war"));
        for (String marker : List.of(".deployed", ".failed", ".undeployed", ".isdeploying", ".pending")) {
            Files.deleteIfExists(deployments.resolve("peershare.war" + marker));
        }
        configure();
        port = ServerProcess.freePort();
        Path log = home.resolve("standalone/log/console-it.log");
        Files.createDirectories(log.getParent());
        wildfly = ServerProcess.start(List.of(home.resolve("bin/standalone.sh").toString(),
                        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                        "-Djboss.http.port=" + port,
                        "-Djboss.https.port=" + ServerProcess.freePort(),
                        "-Djboss.management.http.port=" + ServerProcess.freePort(),
                        "-Djboss.management.https.port=" + ServerProcess.freePort()),
                Map.of("FRONTEND_URL", ORIGIN, "JBOSS_HOME", home.toString()), log);
        wildfly.await("WildFly's start-up", Duration.ofSeconds(90), () -> wildfly.log().contains("WFLYSRV0025"));
        deployedAt = wildfly.log().length();
        dropWar(deployments);
        Path deployed = deployments.resolve("peershare.war.deployed");
        Path failed = deployments.resolve("peershare.war.failed");
        wildfly.await("the WAR's deployment", Duration.ofSeconds(90),
                () -> Files.exists(deployed) || Files.exists(failed));
        if (Files.exists(failed)) {
            throw new AssertionError("WildFly failed to deploy the WAR: " + Files.readString(failed));
        }
    }

    /**
     * Offline, with the CLI's embedded server: proxy-address-forwarding as docs/embedding.md shows, and, for the
     * test's pace, a deployment scanner that looks every half second.
     */
    private void configure() throws Exception {
        Path script = Path.of("target/wildfly-it.cli").toAbsolutePath();
        Files.writeString(script, "embed-server --std-out=discard\n"
                + TomcatWarIT.resource("wildfly/proxy-address-forwarding.cli")
                + "/subsystem=deployment-scanner/scanner=default:write-attribute(name=scan-interval,value=500)\n"
                + "stop-embedded-server\n");
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cli.waitFor() != 0) {
            throw new AssertionError("jboss-cli.sh failed:\n" + output);
        }
    }

    @Override
    int port() {
        return port;
    }

    @Override
    void undeploy() throws IOException {
        Files.delete(deployments.resolve("peershare.war"));
        Path undeployed = deployments.resolve("peershare.war.undeployed");
        wildfly.await("the undeploy", Duration.ofSeconds(60), () -> Files.exists(undeployed));
    }

    @Override
    List<String> leakWarnings() {
        String log = wildfly.log();
        return linesMatching(log.substring(Math.min(deployedAt, log.length())), Pattern.compile(LEAK));
    }

    @Override
    void stopServer() {
        if (wildfly != null) {
            wildfly.close();
        }
    }
}
