package io.peershare.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.peershare.SocketLimit;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The first of an endpoint's handlers: counts a new channel against its address's sockets ({@link SocketLimit}) and
 * closes it at once if the address holds the most allowed; a counted channel is released when it closes. Its job is
 * done when it is added, so it leaves the pipeline then, as Netty's {@code IpSubnetFilter} does.
 */
@ChannelHandler.Sharable
final class SocketLimitHandler extends ChannelHandlerAdapter {

    private final SocketLimit sockets;

    SocketLimitHandler(SocketLimit sockets) {
        this.sockets = sockets;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        ctx.pipeline().remove(this);
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress address = remote.getAddress();
            if (!sockets.tryOpen(address)) {
                PeerShareWebSocketHandler.LOG.log(Level.DEBUG,
                        () -> "refused a connection from " + address + ": it holds the most allowed");
                channel.close();
                return;
            }
            channel.closeFuture().addListener(closed -> sockets.closed(address));
        }
    }
}
