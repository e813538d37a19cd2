package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.PeerShare;
import io.peershare.testkit.DocSnippets;
import io.peershare.testkit.DocSnippets.Compiled;
import io.peershare.testkit.WsTestClient;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta WebSocket code of README.md and docs/embedding.md, compiled and run in the containers it names: a real
 * client joins a network through each deployment. (The other blocks: {@code DocsSnippetsTest} of the reference
 * server, which also checks that every block is claimed by a test.)
 */
class DocsJakartaSnippetsTest {

    private static final DocSnippets README = DocSnippets.of("README.md");
    private static final DocSnippets EMBEDDING = DocSnippets.of("docs/embedding.md");
    /** The origin the documentation allows. */
    private static final String ORIGIN = "https://share.example.com";

    /** The README's engine and endpoint, then the lines of one container; {@code deploy} returns the engine. */
    private static String readmeHarness(String name, String parameters, String container, String imports) {
        return imports + """
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.config.PeerShareConfig;
                import io.peershare.jakarta.PeerShareEndpointConfig;
                import jakarta.websocket.server.ServerEndpointConfig;
                import java.util.List;

                public class %s {
                    public static PeerShare deploy(%s) throws Exception {
                        /*{readme-engine}*/
                        /*{readme-jakarta-endpoint}*/
                        /*{%s}*/
                        return engine;
                    }
                }
                """.formatted(name, parameters, container);
    }

    @Test
    void theReadmesTomcatLinesServeTheEndpoint() throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("peershare-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        try (Compiled code = DocSnippets.compile(README.harness(readmeHarness("ReadmeTomcat", "Tomcat tomcat",
                "readme-tomcat", """
                import jakarta.servlet.ServletException;
                import jakarta.websocket.DeploymentException;
                import jakarta.websocket.server.ServerContainer;
                import org.apache.catalina.Context;
                import org.apache.catalina.servlets.DefaultServlet;
                import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
                import org.apache.tomcat.websocket.server.WsSci;
                """)));
             PeerShare engine = (PeerShare) code.call("ReadmeTomcat", "deploy", tomcat)) {
            joinsANetwork(URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/ws"));
            assertEquals(50, engine.config().maxUsersPerNetwork());
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void theReadmesJettyLinesServeTheEndpoint() throws Exception {
        Server server = new Server();
        ServerConnector connector = loopbackConnector(server);
        try (Compiled code = DocSnippets.compile(README.harness(readmeHarness("ReadmeJetty", "Server server",
                "readme-jetty", """
                import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
                import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
                import org.eclipse.jetty.server.Server;
                """)));
             PeerShare engine = (PeerShare) code.call("ReadmeJetty", "deploy", server)) {
            joinsANetwork(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws"));
        } finally {
            server.stop();
        }
    }

    @Test
    void theReadmesTyrusLinesServeTheEndpointOnGrizzly() throws Exception {
        TyrusTestContainer container = new TyrusTestContainer();
        try (Compiled code = DocSnippets.compile(README.harness("""
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.config.PeerShareConfig;
                import io.peershare.jakarta.PeerShareEndpointConfig;
                import jakarta.websocket.server.ServerEndpointConfig;
                import java.util.List;
                import java.util.Map;
                import org.glassfish.grizzly.http.server.HttpServer;
                import org.glassfish.grizzly.http.server.NetworkListener;
                import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
                import org.glassfish.tyrus.server.TyrusServerContainer;

                public class ReadmeTyrus {
                    public static Map.Entry<PeerShare, HttpServer> deploy(TyrusServerContainer container, String host,
                            int port) throws Exception {
                        /*{readme-engine}*/
                        /*{readme-jakarta-endpoint}*/
                        /*{readme-tyrus}*/
                        return Map.entry(engine, http);
                    }
                }
                """))) {
            @SuppressWarnings("unchecked")
            Map.Entry<PeerShare, HttpServer> deployed = (Map.Entry<PeerShare, HttpServer>) code.call("ReadmeTyrus",
                    "deploy", container, "127.0.0.1", 0);
            try (PeerShare engine = deployed.getKey()) {
                joinsANetwork(URI.create("ws://127.0.0.1:" + deployed.getValue().getListener("peershare").getPort()
                        + "/ws"));
            } finally {
                deployed.getValue().shutdownNow();
            }
        }
    }

    /** The guide's endpoint, registered on the container Jetty hands a web application. */
    @Test
    void theGuidesEndpointServesTheEngine() throws Exception {
        Server server = new Server();
        ServerConnector connector = loopbackConnector(server);
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        AtomicReference<PeerShare> engine = new AtomicReference<>();
        try (Compiled code = DocSnippets.compile(EMBEDDING.harness("""
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.jakarta.PeerShareEndpointConfig;
                import jakarta.websocket.server.ServerContainer;
                import jakarta.websocket.server.ServerEndpointConfig;
                import java.util.List;

                public class GuideEndpoint {
                    public static PeerShare deploy(ServerContainer serverContainer) throws Exception {
                        /*{jakarta-endpoint}*/
                        return engine;
                    }
                }
                """))) {
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, serverContainer) -> {
                try {
                    engine.set((PeerShare) code.call("GuideEndpoint", "deploy", serverContainer));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            server.start();
            joinsANetwork(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws"));
        } finally {
            server.stop();
            if (engine.get() != null) {
                engine.get().close();
            }
        }
    }

    @Test
    void theGuidesTyrusLineGivesTheContainerTheEndpointsIdleTimeout() throws Exception {
        TyrusTestContainer container = new TyrusTestContainer();
        try (PeerShare engine = PeerShare.builder().build();
             Compiled code = DocSnippets.compile(EMBEDDING.harness("""
                import io.peershare.jakarta.PeerShareEndpointConfig;
                import jakarta.websocket.server.ServerEndpointConfig;
                import org.glassfish.tyrus.server.TyrusServerContainer;

                public class GuideTyrus {
                    public static void configure(TyrusServerContainer container, ServerEndpointConfig endpoint) {
                        /*{tyrus-idle-timeout}*/
                    }
                }
                """))) {
            ServerEndpointConfig endpoint = PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.any()).build();
            code.call("GuideTyrus", "configure", container, endpoint);
            assertEquals(PeerShareEndpointConfig.idleTimeoutOf(endpoint).toMillis(),
                    container.getDefaultMaxSessionIdleTimeout());
        }
    }

    /** A connector of the Jetty server on a free port of 127.0.0.1. */
    private static ServerConnector loopbackConnector(Server server) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    /** A real client joins a network through the endpoint and sees itself in the network's list of users. */
    private static void joinsANetwork(URI endpoint) throws Exception {
        try (WsTestClient client = WsTestClient.connect(endpoint, ORIGIN)) {
            client.join("Home", "Alice");
            client.await("network-joined");
            client.await("network-users-updated", d -> d.getJsonArray("users").size() == 1);
        }
    }
}
