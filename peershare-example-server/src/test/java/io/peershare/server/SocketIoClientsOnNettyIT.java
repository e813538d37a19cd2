package io.peershare.server;

/** socket.io-client against the jar on Netty: long-polling, the upgrade, and WebSocket. */
class SocketIoClientsOnNettyIT extends SocketIoClientsContract {

    @Override
    String transport() {
        return null;
    }

    @Override
    boolean webSocketOnly() {
        return false;
    }
}
