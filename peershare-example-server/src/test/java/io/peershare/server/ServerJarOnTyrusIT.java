package io.peershare.server;

/** The jar with {@code TRANSPORT=tyrus}. */
class ServerJarOnTyrusIT extends ServerJarContract {

    @Override
    String transport() {
        return "tyrus";
    }
}
