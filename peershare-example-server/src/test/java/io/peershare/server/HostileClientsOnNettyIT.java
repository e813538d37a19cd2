package io.peershare.server;

/** The hostile-client suite against the jar on Netty, the default transport. */
class HostileClientsOnNettyIT extends HostileClientsContract {

    @Override
    String transport() {
        return "netty";
    }
}
