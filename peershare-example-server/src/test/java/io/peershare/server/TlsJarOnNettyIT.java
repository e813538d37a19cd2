package io.peershare.server;

/** The jar with TLS on Netty, the default transport. */
class TlsJarOnNettyIT extends TlsJarContract {

    @Override
    String transport() {
        return "netty";
    }
}
