/**
 * The API a host application codes against: build a {@link io.peershare.PeerShare} engine from a
 * {@link io.peershare.config.PeerShareConfig}, hand it each connection, read its {@link io.peershare.model.PeerShareStats}.
 *
 * <pre>{@code
 * PeerShare engine = PeerShare.builder()
 *         .config(PeerShareConfig.builder().maxUsersPerNetwork(50).build())
 *         .build();
 * Connection connection = engine.open(transport);   // per new WebSocket
 * connection.receive(textFrame);                    // per incoming frame
 * connection.closed();                              // when the socket is gone
 * }</pre>
 */
package io.peershare;
