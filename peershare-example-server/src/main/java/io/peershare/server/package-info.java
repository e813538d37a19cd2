/** The PeerShare reference server: Tyrus on Grizzly, one port for WebSocket, HTTP endpoints and the demo page. */
package io.peershare.server;
