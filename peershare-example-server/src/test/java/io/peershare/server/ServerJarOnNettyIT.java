package io.peershare.server;

/** The jar as it starts by default: on Netty. */
class ServerJarOnNettyIT extends ServerJarContract {

    @Override
    String transport() {
        return null;
    }
}
