package io.peershare.server;

/** The reference server's behaviour on its default transport, Netty. */
class NettyServerTest extends ServerContract {

    @Override
    TransportKind transport() {
        return TransportKind.NETTY;
    }
}
