package io.peershare.browser;

/** The page over HTTPS served by the server on Netty. */
class HttpsPageOnNettyTest extends HttpsPageContract {

    @Override
    String transport() {
        return "netty";
    }
}
