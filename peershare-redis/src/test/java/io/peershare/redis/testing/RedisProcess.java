package io.peershare.redis.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free loopback port, that the test can stop and start again on the
 * same port (an outage). Nothing is persisted: a restarted server is empty, as after a real crash.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Path[] CANDIDATES = {Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")};

    private final Path binary;
    private final int port;
    private final Path dir;
    private Process process;

    private RedisProcess(Path binary, int port, Path dir) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
    }

    /** The redis-server binary, or {@code null} when this machine has none. */
    public static Path binary() {
        for (Path candidate : CANDIDATES) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Why Redis tests cannot run here, or {@code null} when they can. */
    public static String missingReason() {
        return binary() == null ? "no redis-server binary (apt-get install -y redis-server)" : null;
    }

    public static RedisProcess start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisProcess redis = new RedisProcess(binary(), port, Files.createTempDirectory("peershare-redis"));
        redis.startAgain();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) on the same port and waits until it accepts connections. */
    public void startAgain() throws Exception {
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the server (no shutdown save), as a crash or a network partition would look to clients. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
