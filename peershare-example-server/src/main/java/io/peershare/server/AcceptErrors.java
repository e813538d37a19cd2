package io.peershare.server;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * On the listening socket: when accepting fails (the process ran out of file descriptors, most often), accepting pauses
 * for a second, as Netty's own acceptor does, and the failure is logged as one line at most every
 * {@link #LOG_EVERY_MILLIS}, with how many there were meanwhile, instead of a warning a second from Netty. The
 * listening socket's event loop only.
 */
final class AcceptErrors extends ChannelInboundHandlerAdapter {

    static final long LOG_EVERY_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger(AcceptErrors.class.getName());

    private long lastLoggedMillis = Long.MIN_VALUE / 2;
    private long failuresSince;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            // A listening socket that cannot accept stays readable: without a pause the loop would spin on it.
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> config.setAutoRead(true), 1, TimeUnit.SECONDS);
        }
        failuresSince++;
        long now = System.currentTimeMillis();
        if (now - lastLoggedMillis >= LOG_EVERY_MILLIS) {
            long failures = failuresSince;
            LOG.log(Level.WARNING, () -> "cannot accept connections: " + NetworkErrors.describe(cause)
                    + (cause.getMessage() != null && cause.getMessage().contains("Too many open files")
                            ? " (raise the process's limit of open files, ulimit -n)" : "")
                    + "; trying again every second" + (failures > 1 ? " (" + failures + " failures)" : ""));
            lastLoggedMillis = now;
            failuresSince = 0;
        }
    }
}
