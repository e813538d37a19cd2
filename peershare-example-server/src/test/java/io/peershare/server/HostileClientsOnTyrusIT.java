package io.peershare.server;

/** The hostile-client suite against the jar on Tyrus and Grizzly. */
class HostileClientsOnTyrusIT extends HostileClientsContract {

    @Override
    String transport() {
        return "tyrus";
    }
}
