package io.peershare.browser;

/** The demo page against the server on Netty, its default transport. */
class DemoPageOnNettyTest extends DemoPageContract {

    @Override
    String transport() {
        return "netty";
    }
}
