package io.peershare.server;

/** HTTPS and WSS on Tyrus on Grizzly. */
class TlsTyrusServerTest extends TlsServerContract {

    @Override
    TransportKind transport() {
        return TransportKind.TYRUS;
    }
}
