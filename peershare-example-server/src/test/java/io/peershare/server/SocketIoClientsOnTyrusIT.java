package io.peershare.server;

/** socket.io-client against the jar on Tyrus (the Jakarta adapter): WebSocket only. */
class SocketIoClientsOnTyrusIT extends SocketIoClientsContract {

    @Override
    String transport() {
        return "tyrus";
    }

    @Override
    boolean webSocketOnly() {
        return true;
    }
}
