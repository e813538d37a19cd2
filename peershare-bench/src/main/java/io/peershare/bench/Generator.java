package io.peershare.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The WebSocket client a scenario's clients run on, and the threads ("lanes") that send for them. Each client
 * belongs to one lane; a lane paces and sends for its clients on its own thread. Scenarios measure the same way
 * on every generator.
 */
interface Generator extends AutoCloseable {

    /** Netty unless {@code --generator jdk}; {@code --threads} sets the I/O threads. */
    static Generator create(Options options) {
        String name = options.string("generator", "netty");
        return switch (name) {
            case "netty" -> new NettyGenerator(options.integer("threads", 2));
            case "jdk" -> new JdkGenerator(options.integer("threads", 4), options.integer("senders", 2));
            default -> throw new IllegalArgumentException("--generator must be netty or jdk, not " + name);
        };
    }

    /** For the report: which client, which I/O, how many threads. */
    String describe();

    int lanes();

    /** The thread of lane {@code index}; a single-threaded scheduler. */
    ScheduledExecutorService lane(int index);

    /** Opens the client's WebSocket on its lane and calls {@link LoadClient#opened} once it is open. */
    CompletableFuture<Void> connect(LoadClient client, URI uri);

    /** Stops the threads; clients should be closed first. */
    @Override
    void close();
}
