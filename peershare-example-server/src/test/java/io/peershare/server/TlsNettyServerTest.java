package io.peershare.server;

/** HTTPS and WSS on the default transport, Netty. */
class TlsNettyServerTest extends TlsServerContract {

    @Override
    TransportKind transport() {
        return TransportKind.NETTY;
    }
}
