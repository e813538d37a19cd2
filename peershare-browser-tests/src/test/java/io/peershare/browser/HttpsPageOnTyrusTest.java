package io.peershare.browser;

/** The page over HTTPS served by the server on Tyrus and Grizzly. */
class HttpsPageOnTyrusTest extends HttpsPageContract {

    @Override
    String transport() {
        return "tyrus";
    }
}
