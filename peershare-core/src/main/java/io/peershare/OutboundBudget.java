package io.peershare;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes waiting to be written to clients, across every connection of one engine, held under two limits: one per
 * connection ({@link PeerShareConfig#maxOutboundBytes()}) and one for all of them together
 * ({@link PeerShareConfig#maxOutboundBytesTotal()}). Transports ask it before they queue a frame; a frame it refuses
 * closes its client with {@link io.peershare.protocol.CloseCodes#SLOW_CONSUMER}, so clients that stop reading cost
 * at most these bytes, however many of them there are.
 *
 * <p>A frame to a client with nothing waiting is always admitted and not counted: it is written at once, and one frame
 * per connection may pass the limits, so that a history larger than the per-connection limit still reaches a client
 * that reads. A client that keeps up therefore never touches the shared total: the hot path costs a volatile read.
 *
 * <p>Each transport reports its connection's backlog as it sees it: when it queues a frame ({@link Account#admit}) and
 * when the client has read ({@link Account#settle}). The total is the sum of the last reports, exact at every moment
 * for the reports made.
 *
 * <p>Threading: lock-free; every method may be called from any thread.
 */
public final class OutboundBudget {

    private static final long CLOSED = Long.MIN_VALUE;

    private final long limit;
    private final int maxBytesPerConnection;
    private final AtomicLong used = new AtomicLong();

    /** A budget of {@code limit} bytes in all, {@code maxBytesPerConnection} for each connection. */
    public OutboundBudget(long limit, int maxBytesPerConnection) {
        if (maxBytesPerConnection <= 0 || limit < maxBytesPerConnection) {
            throw new IllegalArgumentException("need 0 < maxBytesPerConnection (" + maxBytesPerConnection
                    + ") <= limit (" + limit + ")");
        }
        this.limit = limit;
        this.maxBytesPerConnection = maxBytesPerConnection;
    }

    /** The bytes all connections together may hold. */
    public long limit() {
        return limit;
    }

    /** The bytes one connection may hold (a single frame to an idle connection aside). */
    public int maxBytesPerConnection() {
        return maxBytesPerConnection;
    }

    /** The bytes waiting across all connections, as last reported. */
    public long used() {
        return used.get();
    }

    /** A new connection's share, empty; {@link Account#close() close} it when the connection goes. */
    public Account account() {
        return new Account();
    }

    private boolean tryTake(long bytes) {
        long was;
        do {
            was = used.get();
            if (was + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(was, was + bytes));
        return true;
    }

    /** One connection's share of the budget. */
    public final class Account {

        /** The bytes this connection holds in the total, or {@link #CLOSED}. */
        private final AtomicLong charged = new AtomicLong();

        private Account() {
        }

        /**
         * Whether a frame of {@code bytes} may be queued behind {@code backlog} bytes already waiting for this client.
         * On {@code true} the connection holds {@code backlog + bytes}; on {@code false} the transport closes it as a
         * slow consumer. Always {@code true} once closed: the transport drops frames then anyway.
         */
        public boolean admit(long backlog, int bytes) {
            if (backlog == 0) {
                settle(0); // goes out at once, outside the budget
                return true;
            }
            long wanted = backlog + bytes;
            if (wanted > maxBytesPerConnection) {
                return charged.get() == CLOSED;
            }
            return chargeTo(wanted, true);
        }

        /** The client has read: {@code backlog} bytes wait for it now. */
        public void settle(long backlog) {
            if (backlog == 0 && charged.get() == 0) {
                return; // the common case, a client that keeps up: nothing to tell the total
            }
            chargeTo(backlog, false);
        }

        /** The connection is gone: its bytes go back to the budget, and later reports are ignored. Idempotent. */
        public void close() {
            long was = charged.getAndSet(CLOSED);
            if (was != CLOSED) {
                used.addAndGet(-was);
            }
        }

        /** The bytes this connection holds in the total; zero once closed. */
        public long charged() {
            long value = charged.get();
            return value == CLOSED ? 0 : value;
        }

        private boolean chargeTo(long wanted, boolean bounded) {
            while (true) {
                long was = charged.get();
                if (was == CLOSED) {
                    return true;
                }
                long delta = wanted - was;
                if (bounded && delta > 0) {
                    if (!tryTake(delta)) {
                        return false;
                    }
                } else {
                    used.addAndGet(delta);
                }
                if (charged.compareAndSet(was, wanted)) {
                    return true;
                }
                used.addAndGet(-delta); // another report won the race: undo ours and look again
            }
        }
    }
}
