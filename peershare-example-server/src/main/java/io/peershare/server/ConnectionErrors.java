package io.peershare.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import java.lang.System.Logger.Level;

/**
 * The last handler of every connection's pipeline: an exception no handler took (a client that hung up in the middle
 * of a request, a reset, a request the codec refused) ends the connection with one debug line, instead of reaching
 * the end of the pipeline, where Netty would log a warning and a stack trace for each. Sharable; event loops.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {

    static final ConnectionErrors INSTANCE = new ConnectionErrors();
    private static final System.Logger LOG = System.getLogger(ConnectionErrors.class.getName());

    private ConnectionErrors() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "connection from " + ctx.channel().remoteAddress() + " ended: "
                + (cause instanceof NotSslRecordException || cause.getCause() instanceof NotSslRecordException
                        ? "it does not speak TLS (plain HTTP to the HTTPS port?)" : NetworkErrors.describe(cause)));
        ctx.close();
    }
}
