package io.peershare.spi;

import io.peershare.model.JoinRequest;

/**
 * The host application's say on whether a connection may join a network, for example its own
 * authentication read from the handshake headers. Called on the thread that delivered the join frame,
 * before any state changes; must be fast and thread-safe.
 */
@FunctionalInterface
public interface AdmissionPolicy {

    /** Allows every join. */
    AdmissionPolicy ALLOW_ALL = (request, networkKey) -> Admission.allow();

    /** Decides on one join into the network with key {@code networkKey}. */
    Admission admit(JoinRequest request, String networkKey);

    /** The outcome of {@link #admit}. A denial's reason is shown to the client. */
    record Admission(boolean allowed, String reason) {

        private static final Admission ALLOWED = new Admission(true, null);

        /** A denial always carries a reason the client can be shown. */
        public Admission {
            if (!allowed && (reason == null || reason.isBlank())) {
                reason = "join denied";
            }
        }

        public static Admission allow() {
            return ALLOWED;
        }

        public static Admission deny(String reason) {
            return new Admission(false, reason == null || reason.isBlank() ? "join denied" : reason);
        }
    }
}
