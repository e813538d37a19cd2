'use strict';
// An unmodified socket.io-client 4.8 against a PeerShare server at SERVER_URL (the reference server's, the WAR's and the
// starter's tests start it): with its default transports (long-polling, then the upgrade to WebSocket) and WebSocket only.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const SERVER = new URL(process.env.SERVER_URL || 'http://127.0.0.1:4000');
// A server under a context path (a web application, SERVER_URL=http://host:port/peershare) serves Socket.IO and the
// plain endpoint below it; the client's URL itself names only the host, since its path would be a namespace.
const ORIGIN = SERVER.origin;
const CONTEXT = SERVER.pathname.replace(/\/$/, '');
// SOCKETIO_WEBSOCKET_ONLY=1 for servers without long-polling (Jakarta WebSocket containers, TRANSPORT=tyrus).
const WEBSOCKET_ONLY = process.env.SOCKETIO_WEBSOCKET_ONLY === '1';
const DEFAULTS = { path: `${CONTEXT}/socket.io/`, ...(WEBSOCKET_ONLY ? { transports: ['websocket'] } : {}) };
const open = [];
after(() => open.forEach((s) => s.close()));

let networks = 0;
const networkName = () => `net-${process.pid}-${++networks}`;

/** A connected client; every event it gets is kept, in order. */
function connect(options = {}, url = ORIGIN) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { forceNew: true, ...DEFAULTS, ...options });
    open.push(socket);
    socket.received = [];
    socket.onAny((event, data) => socket.received.push({ event, data }));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The first event of that name (already received or to come) for which `match` holds. */
function next(socket, event, match = () => true, ms = 5000) {
  const seen = socket.received.find((r) => r.event === event && match(r.data));
  if (seen) return Promise.resolve(seen.data);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms; got ${JSON.stringify(socket.received.map((r) => r.event))}`)), ms);
    const listener = (data) => {
      if (match(data)) {
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(data);
      }
    };
    socket.on(event, listener);
  });
}

const ack = (socket, event, data) => new Promise((resolve) => socket.emit(event, data, resolve));

async function join(socket, network, userName) {
  const answer = await ack(socket, 'join-wifi-network', { networkName: network, userName });
  assert.equal(answer.event, 'network-joined', JSON.stringify(answer));
  return answer.data.peerId;
}

const MODES = [['default transports', {}], ['WebSocket only', { transports: ['websocket'] }]];
for (const [mode, options] of WEBSOCKET_ONLY ? MODES.slice(1) : MODES) {
  describe(`socket.io-client, ${mode}`, () => {
    test('join, peer lists, chat, and history for a late joiner', async () => {
      const network = networkName();
      const alice = await connect(options);
      const bob = await connect(options);
      const alicePeer = await join(alice, network, 'Alice');
      const bobPeer = await join(bob, network, 'Bob');
      const both = await next(alice, 'network-users-updated', (d) => d.users.length === 2);
      assert.deepEqual(both.users.map((u) => u.peerId).sort(), [alicePeer, bobPeer].sort());

      bob.emit('send-message', { text: 'hello over Socket.IO' });
      const message = await next(alice, 'new-message', (d) => d.type === 'user');
      assert.equal(message.text, 'hello over Socket.IO');
      assert.equal(message.userName, 'Bob');

      const carol = await connect(options);
      await join(carol, network, 'Carol');
      const history = await next(carol, 'message-history');
      assert.ok(history.messages.some((m) => m.text === 'hello over Socket.IO'), JSON.stringify(history));
    });

    test('signals and transfer requests reach the peer', async () => {
      const network = networkName();
      const alice = await connect(options);
      const bob = await connect(options);
      const alicePeer = await join(alice, network, 'Alice');
      const bobPeer = await join(bob, network, 'Bob');
      alice.emit('webrtc-signal', { to: bobPeer, signal: { type: 'offer', sdp: 'v=0 test' } });
      const signal = await next(bob, 'webrtc-signal-received');
      assert.equal(signal.from, alicePeer);
      assert.deepEqual(signal.signal, { type: 'offer', sdp: 'v=0 test' });

      const initiated = await ack(alice, 'initiate-file-transfer', { to: bobPeer, fileName: 'photo.jpg', fileSize: 1234 });
      assert.equal(initiated.event, 'file-transfer-initiated', JSON.stringify(initiated));
      const request = await next(bob, 'file-transfer-request');
      assert.equal(request.fileName, 'photo.jpg');
      assert.equal(request.transferId, initiated.data.transferId);
    });

    test('errors come as the acknowledgement and as the error event', async () => {
      const alice = await connect(options);
      const refused = await ack(alice, 'send-message', { text: 'before joining' });
      assert.equal(refused.event, 'error');
      assert.equal(refused.data.code, 'NOT_IN_NETWORK');
      const event = await next(alice, 'error');
      assert.equal(event.code, 'NOT_IN_NETWORK');

      await join(alice, networkName(), 'Alice');
      const tooLong = await ack(alice, 'send-message', { text: 'x'.repeat(5000) });
      assert.equal(tooLong.data.code, 'FIELD_TOO_LONG', JSON.stringify(tooLong));
    });

    test('networks are isolated', async () => {
      const alice = await connect(options);
      const mallory = await connect(options);
      const alicePeer = await join(alice, networkName(), 'Alice');
      await join(mallory, networkName(), 'Mallory');
      const answer = await ack(mallory, 'webrtc-signal', { to: alicePeer, signal: { type: 'offer', sdp: 'x' } });
      assert.equal(answer.data.code, 'PEER_NOT_FOUND');
      mallory.emit('send-message', { text: 'can anyone hear me' });
      await next(mallory, 'new-message', (d) => d.type === 'user');
      assert.ok(!alice.received.some((r) => JSON.stringify(r.data).includes('can anyone hear me')));
      assert.ok(!alice.received.some((r) => JSON.stringify(r.data).includes('Mallory')));
    });
  });
}

test('events reach each client in the order the server sent them', async () => {
  // Many clients joining networks of four at once: each one's peer lists must only grow (a list sent later must not
  // overtake an earlier one, whichever server thread sent it).
  const clients = await Promise.all(Array.from({ length: 80 }, () => connect({ transports: ['websocket'] })));
  const base = networkName();
  await Promise.all(clients.map((c, i) => join(c, `${base}-${Math.floor(i / 4)}`, `u${i}`)));
  await Promise.all(clients.map((c) => next(c, 'network-users-updated', (d) => d.users.length === 4, 10000)));
  for (const c of clients) {
    const sizes = c.received.filter((r) => r.event === 'network-users-updated').map((r) => r.data.users.length);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b), `peer lists out of order: ${sizes}`);
    c.close();
  }
});

test('a Socket.IO client and a plain WebSocket client in one network reach each other', async () => {
  const network = networkName();
  const sio = await connect();
  const plain = new WebSocket(ORIGIN.replace(/^http/, 'ws') + CONTEXT + '/ws');
  const frames = [];
  plain.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => { plain.once('open', resolve); plain.once('error', reject); });
  const frame = (event, match = () => true) => new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    (function look() {
      const found = frames.find((f) => f.event === event && match(f.data));
      if (found) return resolve(found.data);
      if (Date.now() > deadline) return reject(new Error(`no '${event}'; got ${frames.map((f) => f.event)}`));
      setTimeout(look, 10);
    })();
  });
  try {
    plain.send(JSON.stringify({ event: 'join-wifi-network', data: { networkName: network, userName: 'Plain' } }));
    const plainPeer = (await frame('network-joined')).peerId;
    const sioPeer = await join(sio, network, 'SocketIo');
    await frame('network-users-updated', (d) => d.users.length === 2);

    sio.emit('send-message', { text: 'from Socket.IO' });
    assert.equal((await frame('new-message', (d) => d.type === 'user')).text, 'from Socket.IO');
    plain.send(JSON.stringify({ event: 'webrtc-signal', data: { to: sioPeer, signal: { type: 'answer', sdp: 'y' } } }));
    const signal = await next(sio, 'webrtc-signal-received');
    assert.equal(signal.from, plainPeer);
  } finally {
    plain.close();
  }
});

test('the client reconnects when its connection is cut, and joins again', async () => {
  // A proxy in front of the server: cutting its sockets is the server dropping the connection, as seen by the client.
  const target = SERVER;
  const sockets = new Set();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => { client.destroy(); upstream.destroy(); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${proxy.address().port}`;
    const alice = await connect({ transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 200 }, url);
    const network = networkName();
    await join(alice, network, 'Alice');
    const reconnected = new Promise((resolve) => alice.once('connect', resolve)); // its namespace again, not just the transport
    const disconnected = new Promise((resolve) => alice.once('disconnect', resolve));
    sockets.forEach((s) => s.destroy());
    assert.equal(await disconnected, 'transport close');
    await reconnected;
    assert.ok(alice.connected);
    await join(alice, network, 'Alice');
  } finally {
    proxy.close();
  }
});
