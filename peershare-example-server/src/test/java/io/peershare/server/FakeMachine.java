package io.peershare.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A machine with the host name and interface addresses a test gives it. */
record FakeMachine(String hostName, List<InetAddress> addresses) implements LocalAddresses {

    FakeMachine {
        addresses = List.copyOf(addresses);
    }

    /** {@code addresses} are literals, such as {@code 192.168.1.20}, {@code fd00::20} or {@code fe80::1%3}. */
    static FakeMachine of(String hostName, String... addresses) {
        List<InetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            try {
                parsed.add(InetAddress.getByName(address)); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
        return new FakeMachine(hostName, parsed);
    }
}
