/**
 * The reference server as a web application: {@link io.peershare.war.PeerShareWebapp} builds the engine and
 * registers its WebSocket endpoint, {@link io.peershare.war.PeerShareHttpServlet} answers {@code /health},
 * {@code /api/stats}, {@code /metrics} and the demo page. See {@code docs/embedding.md}, "WAR in an application
 * server".
 */
package io.peershare.war;
