package io.peershare.netty.conformance;

import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSession;
import io.peershare.socketio.MalformedPacketException;
import io.peershare.socketio.SocketIoPacket;
import io.peershare.socketio.SocketIoPacket.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Socket.IO suite's application: {@code auth} echoed on connect to {@code /} and {@code /custom},
 * {@code message} answered with {@code message-back} and the same arguments, {@code message-with-ack} acknowledged
 * with its arguments, binary attachments included; other namespaces refused; anything out of order closes.
 */
final class SocketIoEchoApplication implements EngineIoServer.SessionHandler {

    private final Set<String> joined = new HashSet<>();
    private SocketIoPacket waitingForAttachments;
    private final List<byte[]> attachments = new ArrayList<>();

    @Override
    public synchronized boolean hasConnected() {
        return !joined.isEmpty();
    }

    @Override
    public synchronized void onMessage(EngineIoSession session, String text) {
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.decode(text);
        } catch (MalformedPacketException e) {
            session.close("parse error");
            return;
        }
        if (waitingForAttachments != null) {
            session.close("parse error"); // text while attachments are due
            return;
        }
        String ns = packet.namespace();
        if (packet.type() == Type.CONNECT) {
            if (!ns.equals("/") && !ns.equals("/custom")) {
                session.send(new SocketIoPacket(Type.CONNECT_ERROR, ns, 0, -1, "{\"message\":\"Invalid namespace\"}")
                        .encode());
            } else if (!joined.add(ns)) {
                session.close("parse error");
            } else {
                session.send(new SocketIoPacket(Type.CONNECT, ns, 0, -1, "{\"sid\":\"" + UUID.randomUUID() + "\"}")
                        .encode());
                String auth = packet.payload() == null ? "{}" : packet.payload();
                session.send(new SocketIoPacket(Type.EVENT, ns, 0, -1, "[\"auth\"," + auth + "]").encode());
            }
            return;
        }
        if (!joined.contains(ns) || packet.type() == Type.CONNECT_ERROR) {
            session.close("parse error");
            return;
        }
        switch (packet.type()) {
            case DISCONNECT -> joined.remove(ns);
            case EVENT -> answer(session, packet, List.of());
            case BINARY_EVENT -> {
                if (packet.attachments() == 0) {
                    answer(session, packet, List.of());
                } else {
                    waitingForAttachments = packet;
                }
            }
            default -> { } // acknowledgements from the client: this application asks for none
        }
    }

    @Override
    public synchronized void onBinary(EngineIoSession session, byte[] data) {
        if (waitingForAttachments == null) {
            session.close("parse error");
            return;
        }
        attachments.add(data);
        if (attachments.size() == waitingForAttachments.attachments()) {
            SocketIoPacket packet = waitingForAttachments;
            List<byte[]> received = List.copyOf(attachments);
            waitingForAttachments = null;
            attachments.clear();
            answer(session, packet, received);
        }
    }

    @Override
    public void onClose(EngineIoSession session, String reason) {
    }

    /** {@code message} and {@code message-with-ack}, with their arguments (the name is a plain word here). */
    private static void answer(EngineIoSession session, SocketIoPacket packet, List<byte[]> binaries) {
        String args = packet.payload();
        int nameEnd = args.indexOf('"', 2) + 1;
        String name = args.substring(2, nameEnd - 1);
        String rest = args.substring(nameEnd); // ",a,b]" or "]"
        boolean binary = !binaries.isEmpty();
        SocketIoPacket reply;
        if (name.equals("message")) {
            reply = new SocketIoPacket(binary ? Type.BINARY_EVENT : Type.EVENT, packet.namespace(), binaries.size(), -1,
                    "[\"message-back\"" + rest);
        } else if (name.equals("message-with-ack") && packet.hasAckId()) {
            reply = new SocketIoPacket(binary ? Type.BINARY_ACK : Type.ACK, packet.namespace(), binaries.size(),
                    packet.ackId(), "[" + (rest.startsWith(",") ? rest.substring(1) : rest));
        } else {
            return;
        }
        session.send(reply.encode());
        binaries.forEach(session::sendBinary);
    }
}
