package io.peershare.jakarta;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Finds the address of the directly connected peer, which the Jakarta WebSocket API does not expose:
 * <ul>
 *   <li>Tomcat (10.1+) and Jetty (12) put an {@link InetSocketAddress} into the session's user properties
 *       under {@value #REMOTE_ADDRESS_PROPERTY}.</li>
 *   <li>Tyrus offers {@code TyrusSession.getRemoteAddr()}, the peer's IP address as text, called here
 *       reflectively so that the adapter needs no Tyrus class; the port is reported as 0.</li>
 *   <li>Tomcat 10.1 keeps the servlet request in a private field {@code request} of its handshake request;
 *       Undertow (WildFly) keeps it in a private field {@code request} of the exchange its handshake request
 *       holds in a private field {@code exchange}. The configurator reads {@code getRemoteAddr()}/
 *       {@code getRemotePort()} from it during the handshake and stores the result under the property above,
 *       so the container's own remote-IP support (Tomcat's {@code RemoteIpValve}, Undertow's
 *       {@code proxy-address-forwarding}) decides the address. Where the JVM's module rules forbid that
 *       reflective read, the address stays unknown.</li>
 * </ul>
 * A container offering neither yields {@code null}: the engine then treats the client as having an unknown
 * address, which the address-based network policies group together.
 */
final class RemoteAddresses {

    static final String REMOTE_ADDRESS_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";
    /** Only IP literals are parsed, so that no name lookup can ever happen here. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private RemoteAddresses() {
    }

    static InetSocketAddress of(Session session) {
        Object property = session.getUserProperties().get(REMOTE_ADDRESS_PROPERTY);
        if (property instanceof InetSocketAddress address) {
            return address;
        }
        return fromGetRemoteAddr(session);
    }

    /** The peer's address as the servlet request behind a handshake request knows it, or {@code null}. */
    static InetSocketAddress fromHandshake(Object handshakeRequest) {
        Object servletRequest = field(handshakeRequest, "request"); // Tomcat
        if (servletRequest == null) {
            servletRequest = field(field(handshakeRequest, "exchange"), "request"); // Undertow
        }
        if (servletRequest == null) {
            return null;
        }
        try {
            Object address = servletRequest.getClass().getMethod("getRemoteAddr").invoke(servletRequest);
            Object port = servletRequest.getClass().getMethod("getRemotePort").invoke(servletRequest);
            InetAddress ip = address instanceof String text ? parseLiteral(text) : null;
            return ip == null ? null : new InetSocketAddress(ip, port instanceof Integer p ? p : 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not a servlet request, or not readable here
        }
    }

    /** The value of the field {@code name} declared by {@code owner}'s class, or {@code null}. */
    private static Object field(Object owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            Field field = owner.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another container, or not readable here
        }
    }

    private static InetAddress parseLiteral(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IP_LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetSocketAddress fromGetRemoteAddr(Session session) {
        try {
            Method method = session.getClass().getMethod("getRemoteAddr");
            Object value = method.invoke(session);
            InetAddress ip = value instanceof String text ? parseLiteral(text) : null;
            if (ip != null) {
                return new InetSocketAddress(ip, 0);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not Tyrus, or no address known
        }
        return null;
    }
}
