package io.peershare.browser;

/** The demo page against the server on Tyrus and Grizzly. */
class DemoPageOnTyrusTest extends DemoPageContract {

    @Override
    String transport() {
        return "tyrus";
    }
}
