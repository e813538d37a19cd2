#!/usr/bin/env bash
# Runs the official Engine.IO v4 and Socket.IO v5 protocol test suites against PeerShare's Engine.IO and Socket.IO
# layers (ConformanceServer: port 3000, /engine.io/ and /socket.io/, pings every 300 ms, 200 ms for the pong).
#   peershare-netty/conformance.sh SOCKET_IO_CHECKOUT
# SOCKET_IO_CHECKOUT is a checkout of github.com/socketio/socket.io; the suites are its
# docs/engine.io-protocol/v4-test-suite and docs/socket.io-protocol/v5-test-suite (Node 18+, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT="${1:?usage: peershare-netty/conformance.sh SOCKET_IO_CHECKOUT}"
mvn -q -pl peershare-netty -am install -DskipTests
mvn -q -pl peershare-netty test-compile dependency:build-classpath -Dmdep.outputFile=target/conformance.classpath \
  -Dmdep.includeScope=test
java -cp "peershare-netty/target/test-classes:peershare-netty/target/classes:$(cat peershare-netty/target/conformance.classpath)" \
  io.peershare.netty.conformance.ConformanceServer > target-conformance-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://localhost:3000/engine.io/?EIO=4&transport=polling" && break; sleep 0.2; done
status=0
for suite in docs/engine.io-protocol/v4-test-suite docs/socket.io-protocol/v5-test-suite; do
  echo "== $suite"
  (cd "$CHECKOUT/$suite" && npm ci --no-audit --no-fund >/dev/null && npx mocha test-suite.js) || status=1
done
exit $status
