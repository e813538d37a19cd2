package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The handshake request shapes the adapter reads reflectively. Tomcat's is exercised for real in
 * {@link TomcatEndpointTest}; Undertow's (WildFly) is built here in the same shape, and for real by the WAR's
 * WildFly test.
 */
class RemoteAddressesTest {

    /** What a servlet request answers after the container's remote-IP support has rewritten it. */
    static final class ServletRequest {
        private final String remoteAddr;
        private final int remotePort;

        ServletRequest(String remoteAddr, int remotePort) {
            this.remoteAddr = remoteAddr;
            this.remotePort = remotePort;
        }

        public String getRemoteAddr() {
            return remoteAddr;
        }

        public int getRemotePort() {
            return remotePort;
        }
    }

    /** Tomcat: the handshake request holds the servlet request. */
    static final class TomcatShapedHandshake {
        private final Object request;

        TomcatShapedHandshake(Object request) {
            this.request = request;
        }
    }

    /** Undertow: the handshake request holds an exchange, which holds the servlet request. */
    static final class UndertowShapedHandshake {
        private final Object exchange;

        UndertowShapedHandshake(Object exchange) {
            this.exchange = exchange;
        }
    }

    static final class UndertowShapedExchange {
        private final Object request;

        UndertowShapedExchange(Object request) {
            this.request = request;
        }
    }

    @Test
    void theServletRequestBehindATomcatHandshakeGivesTheAddress() {
        assertEquals(new InetSocketAddress("203.0.113.7", 50123), RemoteAddresses.fromHandshake(
                new TomcatShapedHandshake(new ServletRequest("203.0.113.7", 50123))));
    }

    @Test
    void theServletRequestBehindAnUndertowHandshakeGivesTheAddress() {
        assertEquals(new InetSocketAddress("2001:db8::7", 443), RemoteAddresses.fromHandshake(
                new UndertowShapedHandshake(new UndertowShapedExchange(new ServletRequest("2001:db8::7", 443)))));
    }

    @Test
    void aNameInsteadOfAnAddressIsNeverLookedUp() {
        assertNull(RemoteAddresses.fromHandshake(new UndertowShapedHandshake(
                new UndertowShapedExchange(new ServletRequest("localhost", 80)))));
    }

    @Test
    void anotherContainersHandshakeGivesNoAddress() {
        assertNull(RemoteAddresses.fromHandshake(new Object()));
        assertNull(RemoteAddresses.fromHandshake(new UndertowShapedHandshake(null)));
        assertNull(RemoteAddresses.fromHandshake(new UndertowShapedHandshake(new UndertowShapedExchange("no request"))));
    }
}
