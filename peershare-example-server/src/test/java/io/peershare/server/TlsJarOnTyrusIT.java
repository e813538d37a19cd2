package io.peershare.server;

/** The jar with TLS on Tyrus and Grizzly. */
class TlsJarOnTyrusIT extends TlsJarContract {

    @Override
    String transport() {
        return "tyrus";
    }
}
