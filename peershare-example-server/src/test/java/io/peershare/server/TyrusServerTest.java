package io.peershare.server;

/** The reference server's behaviour on Tyrus and Grizzly ({@code TRANSPORT=tyrus}). */
class TyrusServerTest extends ServerContract {

    @Override
    TransportKind transport() {
        return TransportKind.TYRUS;
    }
}
