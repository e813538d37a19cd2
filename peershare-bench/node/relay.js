'use strict';
// The relay scenario of peershare-bench on Node's `ws` client, as an independent cross-check of its figures:
// clients in networks of 4 send WebRTC signals to their peers, 80 % ICE-sized (~350 B) and 20 % SDP-sized
// (~3 KB), each stamped with a send time; receivers record one-way latency in Node's HDR histogram.
//
//   node relay.js --url ws://127.0.0.1:4000/ws --pid SERVER_PID --clients 2000 --rate 11000 --seconds 10 \
//                 [--pacing even|bursty] [--stamp intended|actual] [--nodelay true|false] [--tick-ms 1] \
//                 [--protocol plain|socketio] [--out DIR --transport NAME --run N --runs M --commit HASH]
//
// --pacing even spaces signals equally, clients in turn, every fifth an SDP; bursty starts negotiations
// (one SDP, then four candidates ~1 ms apart) as a Poisson process, like peershare-bench.
// --stamp intended (default) stamps the time a signal was due; actual the time it was handed to ws.
// --nodelay false turns Nagle's algorithm back on for the client sockets (ws turns it off).
// --protocol socketio runs the same load through socket.io-client (WebSocket transport) at /socket.io/.
// Prints one Markdown row per step: a warm-up step first (not to be read), then the measured one. With --out
// (bench.sh passes it), the measured step also goes into a results file in DIR, as peershare-bench's scenarios
// write them (scenario "node-relay"; see io.peershare.bench.results.RunJson).
const WebSocket = require('ws');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance, createHistogram, monitorEventLoopDelay } = require('perf_hooks');

const opts = {
  url: 'ws://127.0.0.1:4000/ws', pid: 0, clients: 2000, rate: 11000, seconds: 10, warmupSeconds: 5,
  pacing: 'bursty', stamp: 'intended', nodelay: 'true', tickMs: 1, burstGapMs: 1, protocol: 'plain',
  out: '', transport: process.env.TRANSPORT || 'unknown', run: 1, runs: 1, commit: '',
};
const started = new Date();
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  if (!(name in opts)) throw new Error('unknown option ' + process.argv[i]);
  opts[name] = typeof opts[name] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

const CANDIDATE_PAD = 'x'.repeat(240);
const SDP_PAD = 'v=0 o=- 4611731400430051336 2 IN IP4 127.0.0.1 '.repeat(60);
const nowMicros = () => Math.round(performance.now() * 1000);

const latency = createHistogram();
const sendLag = createHistogram();
let received = 0;
let closed = 0;
let errors = 0;
const errorCodes = {};
function countError(code) {
  errors++;
  errorCodes[code] = (errorCodes[code] || 0) + 1;
}

function connect(index) {
  return opts.protocol === 'socketio' ? connectSocketIo(index) : connectPlain(index);
}

// The same client on socket.io-client: events instead of frames; signals sent by emit.
function connectSocketIo(index) {
  const { io } = require('socket.io-client');
  return new Promise((resolve, reject) => {
    const socket = io(opts.url.replace(/^ws/, 'http').replace(/\/ws$/, ''), { transports: ['websocket'], forceNew: true });
    const client = {
      peerId: null,
      peers: [],
      send: (to, large, stamp) => socket.emit('webrtc-signal', { to, signal: large
        ? { t: stamp, type: 'offer', sdp: SDP_PAD }
        : { t: stamp, type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host ' + CANDIDATE_PAD } }),
      heartbeat: () => socket.emit('heartbeat'),
      close: () => socket.close(),
    };
    socket.on('connect', () => socket.emit('join-wifi-network', { networkName: 'node-relay-' + Math.floor(index / 4), userName: 'u' + index }));
    socket.on('webrtc-signal-received', (data) => {
      latency.record(Math.max(1, nowMicros() - data.signal.t));
      received++;
    });
    socket.on('network-joined', (data) => { client.peerId = data.peerId; });
    socket.on('network-users-updated', (data) => {
      client.peers = data.users.map((u) => u.peerId).filter((id) => id !== client.peerId);
      if (client.peerId && client.peers.length === 3) resolve(client);
    });
    socket.on('error', (data) => countError(data && data.code));
    socket.on('disconnect', () => { closed++; });
    socket.on('connect_error', reject);
  });
}

function connectPlain(index) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(opts.url);
    const client = {
      peerId: null,
      peers: [],
      send: (to, large, stamp) => ws.send(signalFrame(to, large, stamp)),
      heartbeat: () => ws.send('{"event":"heartbeat","data":{}}'),
      close: () => ws.terminate(),
    };
    ws.on('open', () => {
      if (opts.nodelay === 'false') ws._socket.setNoDelay(false);
      ws.send(JSON.stringify({ event: 'join-wifi-network', data: { networkName: 'node-relay-' + Math.floor(index / 4), userName: 'u' + index } }));
    });
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame.startsWith('{"event":"webrtc-signal-received"')) {
        const at = frame.indexOf('"t":');
        latency.record(Math.max(1, nowMicros() - parseInt(frame.substring(at + 4, at + 24), 10)));
        received++;
      } else if (frame.startsWith('{"event":"network-joined"')) {
        client.peerId = JSON.parse(frame).data.peerId;
      } else if (frame.startsWith('{"event":"network-users-updated"')) {
        client.peers = JSON.parse(frame).data.users.map((u) => u.peerId).filter((id) => id !== client.peerId);
        if (client.peerId && client.peers.length === 3) resolve(client);
      } else if (frame.startsWith('{"event":"error"')) {
        countError(JSON.parse(frame).data.code);
      }
    });
    ws.on('close', () => { closed++; });
    ws.on('error', reject);
  });
}

// The same offered load as peershare-bench's Schedule: even, or Poisson negotiation starts with follow-ups.
function makeSchedule(rate, clientCount) {
  const exp = (mean) => -Math.log(1 - Math.random()) * mean;
  const startGapMs = 5000 / rate;
  let k = 0;
  let nextStart = opts.pacing === 'even' ? 0 : exp(startGapMs);
  const followUps = []; // negotiations with candidates still to send, kept sorted by time
  return function next() {
    if (opts.pacing === 'even') {
      const send = { at: (k * startGapMs) / 5, client: k % clientCount, peer: Math.floor(Math.random() * 3), large: k % 5 === 0 };
      k++;
      return send;
    }
    if (followUps.length > 0 && followUps[0].at <= nextStart) {
      const n = followUps.shift();
      const send = { at: n.at, client: n.client, peer: n.peer, large: false };
      if (--n.remaining > 0) {
        n.at += exp(opts.burstGapMs);
        insert(followUps, n);
      }
      return send;
    }
    const send = { at: nextStart, client: Math.floor(Math.random() * clientCount), peer: Math.floor(Math.random() * 3), large: true };
    insert(followUps, { at: nextStart + exp(opts.burstGapMs), client: send.client, peer: send.peer, remaining: 4 });
    nextStart += exp(startGapMs);
    return send;
  };
}

function insert(sorted, n) {
  let i = sorted.length;
  while (i > 0 && sorted[i - 1].at > n.at) i--;
  sorted.splice(i, 0, n);
}

function signalFrame(to, large, stampMicros) {
  return large
    ? '{"event":"webrtc-signal","data":{"to":"' + to + '","signal":{"t":' + stampMicros + ',"type":"offer","sdp":"' + SDP_PAD + '"}}}'
    : '{"event":"webrtc-signal","data":{"to":"' + to + '","signal":{"t":' + stampMicros
      + ',"type":"candidate","candidate":"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host ' + CANDIDATE_PAD + '"}}}';
}

// Sends every signal whose time has come, then sleeps until the next one (Node timers: whole milliseconds).
function pace(clients, rate, seconds) {
  return new Promise((resolve) => {
    const next = makeSchedule(rate, clients.length);
    const start = performance.now() + 1;
    const end = start + seconds * 1000;
    let send = next();
    let sent = 0;
    function tick() {
      const now = performance.now();
      while (start + send.at <= now && start + send.at < end) {
        const intended = start + send.at;
        const from = clients[send.client];
        const stamp = opts.stamp === 'actual' ? nowMicros() : Math.round(intended * 1000);
        from.send(from.peers[send.peer], send.large, stamp);
        sendLag.record(Math.max(1, Math.round((now - intended) * 1000)));
        sent++;
        send = next();
      }
      if (start + send.at >= end) {
        resolve(sent);
      } else {
        setTimeout(tick, Math.max(opts.tickMs, start + send.at - performance.now()));
      }
    }
    setTimeout(tick, 1);
  });
}

function serverCpuMs() {
  if (!opts.pid) return 0;
  const stat = fs.readFileSync('/proc/' + opts.pid + '/stat', 'utf8');
  const f = stat.substring(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function awaitQuiet() {
  let last = -1;
  for (let i = 0; i < 50 && received !== last; i++) {
    last = received;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function step(clients, rate, seconds, loop) {
  latency.reset();
  sendLag.reset();
  loop.reset();
  const received0 = received;
  const closed0 = closed;
  const cpu0 = process.cpuUsage();
  const server0 = serverCpuMs();
  const t0 = performance.now();
  const sent = await pace(clients, rate, seconds);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = serverCpuMs() - server0;
  await awaitQuiet();
  const delivered = received - received0;
  const ms = (h, p) => (h.percentile(p) / 1000).toFixed(2);
  const figures = {
    targetPerSecond: rate, sentPerSecond: sent / elapsed, deliveredPerSecond: delivered / elapsed,
    p50Ms: latency.percentile(50) / 1000, p99Ms: latency.percentile(99) / 1000, p999Ms: latency.percentile(99.9) / 1000,
    maxMs: latency.max / 1000, sendLagP99Ms: sendLag.percentile(99) / 1000, lost: Math.max(0, sent - delivered),
    disconnects: closed - closed0, serverCpuPercent: serverCpu / 10 / elapsed,
    serverCpuMicrosPerSignal: (serverCpu * 1000) / Math.max(1, delivered),
    generatorCpuPercent: (cpu.user + cpu.system) / 10000 / elapsed, eventLoopDelayP99Ms: loop.percentile(99) / 1e6,
  };
  console.log(`| ${rate} | ${(sent / elapsed).toFixed(0)} | ${(delivered / elapsed).toFixed(0)} | ${ms(latency, 50)} | ${ms(latency, 99)} `
    + `| ${ms(latency, 99.9)} | ${(latency.max / 1000).toFixed(1)} | ${ms(sendLag, 99)} | ${Math.max(0, sent - delivered)} `
    + `| ${closed - closed0} | ${(serverCpu / 10 / elapsed).toFixed(1)} | ${((cpu.user + cpu.system) / 10000 / elapsed).toFixed(1)} `
    + `| ${(loop.percentile(99) / 1e6).toFixed(2)} |`);
  return figures;
}

// The results file of this run, in the layout of peershare-bench's RunJson: each step on a line of its own.
function writeResults(generator, step) {
  const num = (v) => (Number.isFinite(v) ? String(Math.round(v * 10000) / 10000) : 'null');
  const figures = (f) => '{' + Object.entries(f).map(([k, v]) => JSON.stringify(k) + ': ' + num(v)).join(', ') + '}';
  const texts = (o) => '{' + Object.entries(o).map(([k, v]) => JSON.stringify(k) + ': '
    + (/^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,12})?$/.test(String(v)) ? String(v) : JSON.stringify(String(v)))).join(', ') + '}';
  const cpus = os.cpus();
  const host = { cores: cpus.length, cpu: cpus.length ? cpus[0].model.trim() : '', memoryMiB: Math.floor(os.totalmem() / 1048576),
    os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version };
  const skip = new Set(['url', 'pid', 'out', 'transport', 'run', 'runs', 'commit']);
  const parameters = {};
  for (const [k, v] of Object.entries(opts)) {
    if (!skip.has(k)) parameters[k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())] = v;
  }
  try {
    const args = fs.readFileSync('/proc/' + opts.pid + '/cmdline', 'utf8').split('\0');
    const javaOptions = [];
    for (let i = 1; i < args.length && args[i].startsWith('-') && args[i] !== '-jar'; i++) javaOptions.push(args[i]);
    parameters.serverJavaOptions = javaOptions.join(' ');
  } catch (e) {
    // no such process, or not Linux: left out
  }
  const date = started.toISOString().replace(/\.\d+Z$/, 'Z');
  const json = '{\n'
    + '  "format": 1,\n'
    + '  "scenario": "node-relay",\n'
    + `  "transport": ${JSON.stringify(opts.transport)},\n`
    + `  "date": ${JSON.stringify(date)},\n`
    + `  "run": ${opts.run},\n  "runs": ${opts.runs},\n  "servers": 1,\n`
    + `  "commit": ${JSON.stringify(opts.commit)},\n`
    + `  "host": ${texts(host)},\n`
    + `  "generator": ${JSON.stringify(generator)},\n`
    + `  "parameters": ${texts(parameters)},\n`
    + `  "steps": [\n    ${figures(step)}\n  ],\n`
    + '  "timeline": [],\n'
    + '  "totals": {}\n'
    + '}\n';
  fs.mkdirSync(opts.out, { recursive: true });
  const base = path.join(opts.out, `node-relay-${opts.transport.replace(/[^A-Za-z0-9._]/g, '_')}-`
    + `${date.replace(/[-:]/g, '').replace('T', '-').replace('Z', '')}-run${opts.run}`);
  let file = base + '.json';
  for (let n = 2; fs.existsSync(file); n++) file = `${base}-${n}.json`;
  fs.writeFileSync(file, json);
  console.error('results: ' + file);
}

async function main() {
  const clients = [];
  for (let i = 0; i < opts.clients; i += 200) {
    const batch = [];
    for (let j = i; j < Math.min(opts.clients, i + 200); j++) batch.push(connect(j));
    clients.push(...(await Promise.all(batch)));
  }
  clients.forEach((c, i) => {
    setTimeout(() => setInterval(() => c.heartbeat(), 25000).unref(), (i * 25000) / clients.length).unref();
  });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const generator = `node ${process.version}, ${opts.protocol === 'socketio' ? 'socket.io-client '
    + require('socket.io-client/package.json').version : 'ws ' + require('ws/package.json').version}`;
  console.log(`generator: ${generator}; pacing: ${opts.pacing}; stamp: ${opts.stamp}; client TCP_NODELAY: ${opts.nodelay}`);
  console.log('');
  console.log('| target (/s) | sent (/s) | delivered (/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | generator send lag p99 (ms) '
    + '| lost | disconnects | server CPU (% of a core) | generator CPU (% of a core) | event-loop delay p99 (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  if (opts.warmupSeconds > 0) await step(clients, opts.rate, opts.warmupSeconds, loop);
  const measured = await step(clients, opts.rate, opts.seconds, loop);
  if (opts.out) writeResults(generator, measured);
  console.log(`(closed: ${closed}, errors: ${errors} ${JSON.stringify(errorCodes)}; the first row is the warm-up)`);
  clients.forEach((c) => c.close());
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
