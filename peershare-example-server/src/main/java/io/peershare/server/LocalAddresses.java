package io.peershare.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This machine's host name and its network interfaces' addresses: what a phone on the same network may reach it by.
 * An interface, so that tests give the machine the addresses they need ({@link PageLinks},
 * {@link SelfSignedCertificate}).
 */
interface LocalAddresses {

    /** The machine's host name, or {@code null} when it cannot be told. */
    String hostName();

    /** The addresses of the interfaces that are up, loopback ones included, in the system's order. */
    List<InetAddress> addresses();

    /** This machine's, read from the system at each call: interfaces come and go (Wi-Fi, VPNs). */
    static LocalAddresses system() {
        return new LocalAddresses() {
            @Override
            public String hostName() {
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    return null; // the name does not resolve here: it is of no use in a certificate either
                }
            }

            @Override
            public List<InetAddress> addresses() {
                List<InetAddress> addresses = new ArrayList<>();
                try {
                    for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        if (face.isUp()) {
                            addresses.addAll(Collections.list(face.getInetAddresses()));
                        }
                    }
                } catch (SocketException e) {
                    // No interfaces to tell of: the server still serves on what it is bound to.
                }
                return addresses;
            }
        };
    }
}
