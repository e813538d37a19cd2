/**
 * PeerShare's implementation. <strong>Not API:</strong> the module does not export this package or its
 * sub-packages, and anything here may change in any release; code against {@code io.peershare},
 * {@code io.peershare.spi}, {@code io.peershare.model}, {@code io.peershare.defaults} and {@code io.peershare.protocol}.
 *
 * <p>This package holds the engine, which builds the parts below and wires them; nothing below calls back into it.
 * The sub-packages hold one concept each and form a tree, top to bottom (a package uses only those under it;
 * {@code docs/architecture.md} has the table and {@code PackageTreeTest} enforces it): {@code cluster} (the link to
 * other nodes), {@code inbound} (the pipeline a client frame runs through), {@code resume}, {@code peers} (this
 * node's connected and away peers), {@code signal}, {@code transfer}, {@code network} (peers, networks, membership,
 * chat, outbound frames, resume tokens and the {@code ClusterLink} seam the parts above call), then {@code limit},
 * {@code address}, {@code input} (validation), {@code stats} and {@code json}.
 */
package io.peershare.internal;
