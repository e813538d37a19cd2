package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.model.PeerInfo;
import io.peershare.netty.PeerShareWebSocketHandler;
import io.peershare.netty.SocketIoHandler;
import io.peershare.protocol.OutboundFrame;
import io.peershare.socketio.EngineIoServer;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.Transport;
import io.peershare.testkit.DocSnippets.Compiled;
import io.peershare.testkit.DocSnippets.Snippet;
import io.peershare.testkit.DocSnippets;
import io.peershare.testkit.WsTestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The code of README.md and docs/embedding.md compiled and run: every block is marked {@code <!-- snippet: id -->}
 * and claimed by some test of the project; the Netty, Socket.IO, metrics and transport blocks, and the README's
 * Netty lines, serve a real client here; the configuration blocks name real modules, files and JVM options. The
 * Jakarta blocks run in {@code DocsJakartaSnippetsTest} (Tomcat, Jetty, Tyrus), the Spring Boot ones in
 * {@code SpringBootDocTest}, the WAR's in {@code WarDocsTest}.
 */
class DocsSnippetsTest {

    private static final DocSnippets README = DocSnippets.of("README.md");
    private static final DocSnippets EMBEDDING = DocSnippets.of("docs/embedding.md");
    /** The origin the documentation allows. */
    private static final String ORIGIN = "https://share.example.com";
    private static final Duration TIMEOUT = WsTestClient.TIMEOUT;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    // --- every block is claimed

    @Test
    void everyCodeBlockIsMarkedAndATestOfTheProjectTakesIt() throws IOException {
        List<Snippet> blocks = Stream.concat(README.all().stream(), EMBEDDING.all().stream()).toList();
        List<String> unmarked = blocks.stream().filter(s -> s.id() == null).map(Snippet::where).toList();
        assertEquals(List.of(), unmarked, "code blocks without a <!-- snippet: id --> line above their fence");

        Set<String> ids = new HashSet<>();
        List<String> repeated = blocks.stream().filter(s -> !ids.add(s.id())).map(Snippet::where).toList();
        assertEquals(List.of(), repeated, "snippet ids used twice");

        String tests = testSources();
        List<String> unclaimed = blocks.stream()
                .filter(s -> !tests.contains("\"" + s.id() + "\"") && !tests.contains("/*{" + s.id() + "}*/"))
                .map(s -> s.where() + " (" + s.id() + ")").toList();
        assertEquals(List.of(), unclaimed, "code blocks no test compiles or checks");
    }

    /** Every test source of every module, which is where snippets are claimed by id. */
    private static String testSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(DocSnippets.projectRoot())) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        all.append(Files.readString(file)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    // --- configuration and commands

    @Test
    void everyDependencyBlockNamesAModuleOfThisProjectAtItsVersion() throws Exception {
        Element parent = xml(Files.readString(DocSnippets.projectRoot().resolve("pom.xml")));
        String group = child(parent, "groupId");
        String version = child(parent, "version");
        Map<String, String> artifacts = new HashMap<>();
        for (String module : modules(parent)) {
            Element pom = xml(Files.readString(DocSnippets.projectRoot().resolve(module).resolve("pom.xml")));
            artifacts.put(child(pom, "artifactId"), module);
        }
        for (String id : List.of("spring-boot-dependency", "netty-dependency", "jakarta-dependency", "web-dependency")) {
            Snippet block = EMBEDDING.snippet(id);
            assertEquals("xml", block.language(), block.where());
            Element dependency = xml(block.code());
            assertEquals("dependency", dependency.getTagName(), block.where());
            assertEquals(group, child(dependency, "groupId"), block.where());
            assertTrue(artifacts.containsKey(child(dependency, "artifactId")),
                    () -> block.where() + ": no module has the artifactId " + child(dependency, "artifactId"));
            assertEquals(version, child(dependency, "version"), block.where());
        }
        List<String> dependencyBlocks = EMBEDDING.all().stream().filter(s -> s.code().startsWith("<dependency>"))
                .map(Snippet::id).toList();
        assertEquals(List.of("spring-boot-dependency", "netty-dependency", "jakarta-dependency", "web-dependency"),
                dependencyBlocks, "the dependency blocks this test checks");
    }

    @Test
    void theReadmesCommandsBuildARealModuleAndStartItsJarWithOptionsJavaTakes() throws Exception {
        Snippet test = README.snippet("readme-test");
        assertEquals("mvn verify", test.code(), test.where());

        Snippet run = README.snippet("readme-build-and-run");
        String[] commands = run.code().split(" && ");
        assertEquals(2, commands.length, run.where() + ": a build, then the server");
        List<String> mvn = List.of(commands[0].split(" "));
        assertEquals("mvn", mvn.get(0), run.where());
        String module = mvn.get(mvn.indexOf("-pl") + 1);
        Element parent = xml(Files.readString(DocSnippets.projectRoot().resolve("pom.xml")));
        assertTrue(modules(parent).contains(module), () -> run.where() + ": no module " + module);
        assertTrue(mvn.contains("package"), run.where());

        List<String> java = List.of(commands[1].split(" "));
        assertEquals("java", java.get(0), run.where());
        int jar = java.indexOf("-jar");
        String pom = Files.readString(DocSnippets.projectRoot().resolve(module).resolve("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertTrue(finalName.find(), module + " names its jar");
        assertEquals(module + "/target/" + finalName.group(1) + ".jar", java.get(jar + 1), run.where());
        assertTrue(pom.contains("<mainClass>io.peershare.server.Main</mainClass>"), "the jar starts the server");

        List<String> options = new ArrayList<>(java.subList(1, jar));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn32m"), options, run.where() + ": the measured options");
        List<String> check = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        check.addAll(options);
        check.add("-version");
        Process process = new ProcessBuilder(check).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "java -version ends");
        assertEquals(0, process.exitValue(), () -> run.where() + ": java refuses the options: " + output);
    }

    // --- Netty

    @Test
    void theReadmesNettyLinesServeTheEngineAndPassOtherPathsToTheHostsHandler() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try (Compiled code = DocSnippets.compile(README.harness("""
                import io.netty.bootstrap.ServerBootstrap;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandler;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.EventLoopGroup;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.channel.socket.nio.NioServerSocketChannel;
                import io.netty.handler.codec.http.HttpObjectAggregator;
                import io.netty.handler.codec.http.HttpServerCodec;
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.config.PeerShareConfig;
                import io.peershare.netty.PeerShareWebSocketHandler;
                import java.util.List;
                import java.util.Map;

                public class ReadmeNetty {
                    public static Map.Entry<PeerShare, Channel> start(EventLoopGroup group, ChannelHandler yourHandler)
                            throws InterruptedException {
                        /*{readme-engine}*/
                        /*{readme-netty}*/
                        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                                .childHandler(pipeline).bind("127.0.0.1", 0).sync().channel();
                        return Map.entry(engine, server);
                    }
                }
                """))) {
            @SuppressWarnings("unchecked")
            Map.Entry<PeerShare, Channel> started = (Map.Entry<PeerShare, Channel>) code.call("ReadmeNetty", "start",
                    group, new Teapot());
            try (PeerShare engine = started.getKey()) {
                int port = ((InetSocketAddress) started.getValue().localAddress()).getPort();
                joinsANetwork(URI.create("ws://127.0.0.1:" + port + "/ws"));
                assertEquals(418, get(port, "/").statusCode(), "the host's own handler answers GET /");
                assertEquals(50, engine.config().maxUsersPerNetwork());
            } finally {
                started.getValue().close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void theGuidesNettyServerServesTheEngineAnswersOtherPathsAndClosesClientsWith1001() throws Exception {
        try (Compiled code = DocSnippets.compile(EMBEDDING.unit("netty-server"))) {
            AutoCloseable server = (AutoCloseable) code.call("ShareServer", "start", "127.0.0.1", 0);
            boolean closed = false;
            try {
                int port = (int) code.invoke(server, "port");
                try (WsTestClient client = joinsANetwork(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                    assertEquals(404, get(port, "/").statusCode(), "GET / gets an answer, not a wait");
                    assertEquals(404, get(port, "/peershare/index.html").statusCode());
                    assertEquals(400, get(port, "/ws").statusCode(), "the endpoint's path without an upgrade");
                    assertEquals(403, WsTestClient.handshakeStatus(URI.create("ws://127.0.0.1:" + port + "/ws"),
                            "https://elsewhere.example.com"));

                    long start = System.nanoTime();
                    server.close();
                    closed = true;
                    assertEquals(1001, client.awaitClose(), "the client receives its close frame");
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(13), "close() is bounded");
                }
            } finally {
                if (!closed) {
                    server.close();
                }
            }
        }
    }

    @Test
    void theGuidesPageHandlerServesTheWebJarWithTheReferenceServersTypesAndHeaders() throws Exception {
        try (Compiled code = DocSnippets.compile(EMBEDDING.unit("web-netty-files"));
             PeerShare engine = PeerShare.builder().build()) {
            ChannelHandler pageFiles = (ChannelHandler) code.type("PageFiles").getConstructor().newInstance();
            PeerShareWebSocketHandler peershare = PeerShareWebSocketHandler.builder(engine)
                    .path("/peershare/ws").allowedOrigins(AllowedOrigins.only(List.of(ORIGIN))).build();
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            try {
                int port = serve(group, peershare, pageFiles);
                StaticFiles reference = new StaticFiles();
                for (String name : List.of("index.html", "app.js", "styles.css", "peershare-client.js", "sw.js",
                        "manifest.json", "icon.svg", "vendor/noble-hashes/sha2.js", "vendor/uqr/uqr.js")) {
                    HttpReply expected = reference.find("/" + name).orElseThrow();
                    HttpResponse<byte[]> response = get(port, "/peershare/" + name);
                    assertEquals(200, response.statusCode(), name);
                    assertEquals(expected.contentType(), response.headers().firstValue("Content-Type").orElse(null), name);
                    expected.headers().forEach((header, value) ->
                            assertEquals(value, response.headers().firstValue(header).orElse(null), name + " " + header));
                    assertArrayEquals(expected.body(), response.body(), name);
                }
                HttpResponse<byte[]> folder = get(port, "/peershare/");
                assertArrayEquals(reference.find("/").orElseThrow().body(), folder.body(), "/peershare/ is the page");
                HttpResponse<byte[]> head = send(port, HttpRequest.newBuilder()
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()), "/peershare/app.js");
                assertEquals(200, head.statusCode());
                assertEquals(0, head.body().length);
                for (String other : List.of("/", "/peershare", "/peershare/nothing.js", "/peershare/..%2Fpom.xml",
                        "/peershare/META-INF/MANIFEST.MF", "/index.html")) {
                    assertEquals(404, get(port, other).statusCode(), other);
                }
                assertEquals(404, send(port, HttpRequest.newBuilder()
                        .POST(HttpRequest.BodyPublishers.ofString("x")), "/peershare/").statusCode());
                joinsANetwork(URI.create("ws://127.0.0.1:" + port + "/peershare/ws")).close();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }

    /** The guide says the page connects to {@code ws} in its own folder: app.js builds its URL so. */
    @Test
    void thePageConnectsToTheEndpointBesideIt() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(StaticFiles.FOLDER + "app.js")) {
            String app = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(app.contains("location.pathname.slice(0, location.pathname.lastIndexOf('/') + 1)")
                    && app.contains("${pageFolder}ws`"), "app.js connects to ws beside the page, as embedding.md says");
        }
    }

    // --- Socket.IO, metrics, a transport of one's own

    @Test
    void theSocketIoServerOfTheGuideAnswersAnEngineIoClient() throws Exception {
        try (Compiled code = DocSnippets.compile(EMBEDDING.harness("""
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.socketio.EngineIoServer;
                import io.peershare.socketio.EngineIoSettings;
                import io.peershare.spi.Scheduler;
                import java.time.Clock;

                public class SocketIoSnippet {
                    public static EngineIoServer start(PeerShare engine, Scheduler scheduler) {
                        /*{socketio-server}*/
                        return socketIo;
                    }
                }
                """));
             ExecutorScheduler scheduler = new ExecutorScheduler();
             PeerShare engine = PeerShare.builder().build()) {
            EngineIoServer socketIo = (EngineIoServer) code.call("SocketIoSnippet", "start", engine, scheduler);
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            try {
                int port = serve(group, new SocketIoHandler(socketIo, AllowedOrigins.only(List.of(ORIGIN)), "/socket.io/"),
                        new Teapot());
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                WebSocket socket = HTTP.newWebSocketBuilder().header("Origin", ORIGIN)
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                                new WebSocket.Listener() {
                                    @Override
                                    public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                                        received.add(text.toString());
                                        ws.request(1);
                                        return null;
                                    }
                                })
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    String open = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertTrue(open != null && open.startsWith("0{") && open.contains("\"sid\""), "Engine.IO open: " + open);
                    socket.sendText("40", true);
                    String connected = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertTrue(connected != null && connected.startsWith("40{"), "Socket.IO connect: " + connected);
                } finally {
                    socket.abort();
                }
            } finally {
                socketIo.close(); // before the engine
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }

    @Test
    void theMetricsLinesTimeTheEnginesFramesInTheRegistry() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Compiled code = DocSnippets.compile(EMBEDDING.harness("""
                import io.micrometer.core.instrument.MeterRegistry;
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import io.peershare.micrometer.PeerShareMetrics;

                public class MetricsSnippet {
                    public static PeerShare start(MeterRegistry registry) {
                        /*{metrics}*/
                        return engine;
                    }
                }
                """));
             PeerShare engine = (PeerShare) code.call("MetricsSnippet", "start", registry)) {
            List<String> sent = new CopyOnWriteArrayList<>();
            engine.open(new Transport() {
                @Override
                public void send(OutboundFrame frame) {
                    sent.add(frame.text());
                }

                @Override
                public void close(int code, String reason) {
                }

                @Override
                public InetSocketAddress remoteAddress() {
                    return new InetSocketAddress("203.0.113.7", 40000);
                }

                @Override
                public Map<String, List<String>> headers() {
                    return Map.of();
                }
            }).receive(joinFrame("Alice"));
            assertTrue(sent.stream().anyMatch(f -> f.contains("\"network-joined\"")), "joined: " + sent);
            long timed = registry.get("peershare.frame.handling").timers().stream().mapToLong(t -> t.count()).sum();
            assertEquals(1, timed, "the join was timed");
            assertEquals(1.0, registry.get("peershare.connections").gauge().value());
        }
    }

    @Test
    void aTransportOfOnesOwnAsTheGuideWritesItCarriesAClientInAndOut() throws Exception {
        List<String> joined = new CopyOnWriteArrayList<>();
        List<String> left = new CopyOnWriteArrayList<>();
        PeerShareListener listener = new PeerShareListener() {
            @Override
            public void peerJoined(PeerInfo peer) {
                joined.add(peer.userName());
            }

            @Override
            public void peerLeft(PeerInfo peer) {
                left.add(peer.userName());
            }
        };
        try (Compiled code = DocSnippets.compile(EMBEDDING.unit("transport-class"), EMBEDDING.harness("""
                import io.peershare.spi.Connection;
                import io.peershare.AllowedOrigins;
                import io.peershare.PeerShare;
                import java.net.InetSocketAddress;
                import java.util.List;
                import java.util.Map;

                public class TransportUse {
                    public static void run(PeerShare engine, InetSocketAddress directPeer,
                            Map<String, List<String>> handshakeHeaders, byte[] utf8) {
                        /*{transport-use}*/
                    }
                }
                """));
             PeerShare engine = PeerShare.builder()
                     .config(PeerShareConfig.builder().resumeGrace(Duration.ZERO).build())
                     .listener(listener)
                     .build()) {
            code.call("TransportUse", "run", engine, new InetSocketAddress("203.0.113.7", 40000),
                    Map.of("User-Agent", List.of("doc")), joinFrame("Alice"));
            assertEquals(List.of("Alice"), joined);
            assertEquals(List.of("Alice"), left);
            assertEquals(0, engine.stats().connections());
        }
    }

    // --- helpers

    private static byte[] joinFrame(String user) {
        return ("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"Home\",\"userName\":\"" + user + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A real client joins a network through the endpoint and sees itself in the network's list of users. */
    private static WsTestClient joinsANetwork(URI endpoint) throws Exception {
        WsTestClient client = WsTestClient.connect(endpoint, ORIGIN);
        client.join("Home", "Alice");
        client.await("network-joined");
        client.await("network-users-updated", d -> d.getJsonArray("users").size() == 1);
        return client;
    }

    private static HttpResponse<byte[]> get(int port, String path) throws Exception {
        return send(port, HttpRequest.newBuilder().GET(), path);
    }

    private static HttpResponse<byte[]> send(int port, HttpRequest.Builder request, String path) throws Exception {
        return HTTP.send(request.uri(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A Netty server on a free port of 127.0.0.1 with these handlers after the HTTP codec and aggregator. */
    private static int serve(EventLoopGroup group, ChannelHandler... handlers) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536)).addLast(handlers);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static Element xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    /** The text of the direct child element {@code name}. */
    private static String child(Element element, String name) {
        return elements(element, name).stream().findFirst().map(e -> e.getTextContent().strip())
                .orElseThrow(() -> new AssertionError("<" + element.getTagName() + "> has no <" + name + ">"));
    }

    /** The parent POM's modules. */
    private static List<String> modules(Element parent) {
        return elements(elements(parent, "modules").get(0), "module").stream().map(e -> e.getTextContent().strip())
                .toList();
    }

    private static List<Element> elements(Element element, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The host's own last handler in these tests: answers every request with 418, so that it is seen to answer. */
    @ChannelHandler.Sharable
    private static final class Teapot extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.valueOf(418), Unpooled.EMPTY_BUFFER);
            response.headers().setInt("Content-Length", 0);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
