'use strict';
// Reconnect storms on Node's `ws` client, from one source address on loopback, as a node's clients arrive when it
// restarts: every client opens at once, joins a network of 4 and waits until its peer list is complete.
//
//   node storm.js --url ws://127.0.0.1:4000/ws --sequence 10000:hold,5000,5000 [--hold-ms 3000]
//                 [--settle-ms 60000] [--resident 0] [--resident-batch 1000]
//
// --sequence is a list of waves run one after another: N opens N clients at once and closes them once all have
// settled (their peer lists complete, or failed); N:hold keeps them open for --hold-ms before closing them. With
// --resident M, M clients connect first and stay connected through every wave (a storm on a loaded node); they
// arrive --resident-batch at a time, as a node's clients do over its day, so that only the waves are storms (one
// Node process opening 10,000 sockets at once is slower to write their requests than a short handshake deadline).
// Prints one Markdown row per wave: clients, failed, how each failed, seconds until all settled and until the
// last one was open. Exits 1 if any client failed or a wave did not settle within --settle-ms.
const WebSocket = require('ws');
const http = require('http');

const opts = { url: 'ws://127.0.0.1:4000/ws', sequence: '10000:hold,5000,5000', holdMs: 3000, settleMs: 60000,
  resident: 0, residentBatch: 1000, origin: '', closeHow: 'close' };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  if (!(name in opts)) throw new Error('unknown option ' + process.argv[i]);
  opts[name] = typeof opts[name] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

// No connection pooling and no limit on sockets: every client is its own TCP connection, opened at once.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** One wave: resolves with its figures once every client has settled or the wave timed out. */
function wave(count, prefix) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
    const sockets = [];
    const failures = {};
    let settled = 0;
    let failed = 0;
    let lastOpen = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ count, failed, failures, settled, allSettled: settled === count, seconds: seconds(), lastOpen, sockets });
    };
    const timer = setTimeout(finish, opts.settleMs);
    for (let i = 0; i < count; i++) {
      const state = { done: false, peerId: null };
      const settle = (why) => {
        if (state.done) return;
        state.done = true;
        if (why) {
          failed++;
          failures[why] = (failures[why] || 0) + 1;
        }
        if (++settled === count) finish();
      };
      const ws = new WebSocket(opts.url, { agent, perMessageDeflate: false, handshakeTimeout: opts.settleMs,
        ...(opts.origin ? { origin: opts.origin } : {}) });
      sockets.push(ws);
      ws.on('open', () => {
        lastOpen = Math.max(lastOpen, seconds());
        ws.send(JSON.stringify({ event: 'join-wifi-network', data: { networkName: prefix + Math.floor(i / 4), userName: 'u' + i } }));
      });
      ws.on('message', (data) => {
        if (state.done) return;
        const frame = JSON.parse(data);
        if (frame.event === 'network-joined') state.peerId = frame.data.peerId;
        const group = Math.min(4, count - Math.floor(i / 4) * 4);
        if (frame.event === 'network-users-updated' && frame.data.users.length === group) settle(null);
        if (frame.event === 'error') settle('error ' + frame.data.code);
      });
      ws.on('error', (e) => settle(e.code || e.message));
      ws.on('close', (code) => settle('closed ' + code));
    }
  });
}

function closeAll(sockets) {
  return new Promise((resolve) => {
    let open = 0;
    for (const ws of sockets) {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        open++;
        ws.once('close', () => { if (--open === 0) resolve(); });
        if (opts.closeHow === "terminate") ws.terminate(); else ws.close();
      }
    }
    if (open === 0) resolve();
  });
}

(async () => {
  let failedAny = false;
  let residents = null;
  if (opts.resident > 0) {
    residents = { count: 0, failed: 0, allSettled: true, seconds: 0, sockets: [] };
    for (let b = 0; residents.count < opts.resident; b++) {
      const batch = await wave(Math.min(opts.residentBatch, opts.resident - residents.count), `resident${b}-`);
      residents.count += batch.count;
      residents.failed += batch.failed;
      residents.allSettled = residents.allSettled && batch.allSettled;
      residents.seconds += batch.seconds;
      residents.sockets.push(...batch.sockets);
    }
    console.log(`resident clients: ${residents.count}, failed ${residents.failed}, settled in ${residents.seconds.toFixed(2)} s`);
    failedAny = residents.failed > 0 || !residents.allSettled;
  }
  console.log('| wave | clients | failed | how | all settled (s) | last open (s) |');
  console.log('|---|---|---|---|---|---|');
  const waves = opts.sequence.split(',');
  for (let w = 0; w < waves.length; w++) {
    const [n, mode] = waves[w].split(':');
    const result = await wave(Number(n), `storm${w}-`);
    const how = Object.entries(result.failures).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
    console.log(`| ${w + 1}${mode ? ' (' + mode + ')' : ''} | ${result.count} | ${result.failed} | ${how} | `
      + `${result.allSettled ? result.seconds.toFixed(2) : 'not settled after ' + (opts.settleMs / 1000) + ' s'} | `
      + `${result.lastOpen.toFixed(2)} |`);
    failedAny = failedAny || result.failed > 0 || !result.allSettled;
    if (mode === 'hold') await new Promise((r) => setTimeout(r, opts.holdMs));
    await closeAll(result.sockets);
  }
  if (residents) await closeAll(residents.sockets);
  process.exit(failedAny ? 1 : 0);
})();
