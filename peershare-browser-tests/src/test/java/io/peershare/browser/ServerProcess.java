package io.peershare.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The reference server's real jar in a child process, on a free loopback port. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    /** {@code https} when the server was given TLS_CERT and TLS_KEY. */
    private final String scheme;

    private ServerProcess(Process process, int port, Path log, String scheme) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.scheme = scheme;
    }

    static ServerProcess start(Path workDir, Map<String, String> env) throws Exception {
        return start(workDir, env, java.util.List.of());
    }

    /**
     * With the page also opened by these host names (a browser maps them to loopback): their origins are allowed
     * too, as an operator lists the names people use.
     */
    static ServerProcess start(Path workDir, Map<String, String> env, java.util.List<String> hostNames) throws Exception {
        Path jar = Path.of(System.getProperty("peershare.jar", "../peershare-example-server/target/peershare-example-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the server jar is missing: " + jar + " (build peershare-example-server first)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        // Production mode: the page's own origin is the only one allowed, as in a real deployment.
        builder.environment().put("NODE_ENV", "production");
        String scheme = env.containsKey("TLS_CERT") ? "https" : "http";
        StringBuilder origins = new StringBuilder(scheme + "://127.0.0.1:" + port);
        hostNames.forEach(host -> origins.append(',').append(scheme).append("://").append(host).append(':').append(port));
        builder.environment().put("FRONTEND_URL", origins.toString());
        ServerProcess server = new ServerProcess(builder.start(), port, log, scheme);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingEveryone())
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url("/health"))).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not become healthy: " + Files.readString(log));
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    /** The page as a browser that maps {@code host} to loopback opens it (over plain HTTP: not a secure context). */
    String url(String host, String path) {
        return scheme + "://" + host + ":" + port + path;
    }

    /** Only to see that a TLS server is up; the browsers check its certificate for real. */
    private static javax.net.ssl.SSLContext trustingEveryone() {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
