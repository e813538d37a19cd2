// PeerShare browser client: signaling over one WebSocket, files over WebRTC data channels.
// Plain ES module; SHA-256 from the vendored @noble/hashes, so that it works where WebCrypto does not (a page on a
// plain-HTTP LAN address is not a secure context). See docs/client.md.
import { sha256 } from './vendor/noble-hashes/sha2.js';
import { bytesToHex } from './vendor/noble-hashes/utils.js';

const CHUNK_SIZE = 16 * 1024;
// Flow control: stop writing above HIGH, resume when the channel drains below LOW.
const BUFFER_HIGH = 1024 * 1024;
const BUFFER_LOW = 256 * 1024;
const PROGRESS_INTERVAL_MS = 500;
const CONNECT_TIMEOUT_MS = 20000;
// A transfer whose data channel has not opened this long after it was accepted fails (option connectionTimeoutMs):
// the two devices have no path to each other (guest Wi-Fi that keeps devices apart, networks with no TURN server).
const TRANSFER_CONNECT_TIMEOUT_MS = 20000;
// A failure one side finds is told to the other in cancel-file-transfer's reason, as this prefix and a code, so that
// both show the same state and the same words.
const FAILURE_PREFIX = 'failed:';
/**
 * Why a transfer failed, as `transfer.reasonCode`: what the page turns into a sentence. Found by this client, or by
 * the other one and told through the server; the server's own are `peer-left` (PEER_LEFT) and `no-answer` (TIMEOUT).
 */
export const FAILURE_CODES = Object.freeze([
  'connection-timeout', 'connection-failed', 'no-webrtc', 'signaling-failed', 'send-failed', 'receive-failed',
  'damaged', 'oversent', 'page-reloaded', 'server-lost', 'peer-left', 'no-answer',
]);
// Transfers remembered per tab (storage key `${storageKey}.transfers`), so that a reload shows how they ended.
const REMEMBERED_TRANSFERS = 50;
const RECONNECT_TIMEOUT_MS = 10000;
// Reconnection: full jitter, a random wait between 0 and min(cap, base * 2^attempt).
const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 10000;
// Closes that every page of a server gets at once (it stopped, restarted or died, or asks clients to wait): the first
// attempt after one is spread over this long, so that a node's pages do not come back as one burst.
const RECONNECT_SPREAD_MS = 2000;
const WAVE_CLOSES = new Set([1001, 1006, 1012, 1013]);
const TRY_AGAIN_LATER = 1013;
// Frames kept while the socket is down, sent once the session is back.
const QUEUE_LIMIT = 256;
// Earlier peer ids of this tab, so that its old messages still show as its own after a fresh join.
const OWN_IDS_LIMIT = 20;
// Close code the server uses when another connection resumed this session (the session lives on there).
const RESUMED_ELSEWHERE = 4010;
// Tabs of one origin tell each other which session they hold: a duplicated tab copies sessionStorage, and must
// not resume (and so take over) the session the original tab still has.
const TAB_CHANNEL = 'peershare.tabs';
// How long a starting page waits for another tab to say the session is its own.
const TAB_ANSWER_MS = 300;
/** Events that may wait in the queue while reconnecting; everything else fails at once when offline. */
const QUEUEABLE = new Set([
  'file-transfer-progress', 'complete-file-transfer', 'cancel-file-transfer',
  'accept-file-transfer', 'reject-file-transfer', 'webrtc-signal',
]);

let requestCounter = 0;

/**
 * How long to wait before reconnection attempt number `attempt` (0 for the first) after a close with `closeCode` and
 * `closeReason`: full jitter, a random wait in [0, min(cap, base * 2^attempt)). The first attempt after a close that a
 * whole server's pages get at once waits a random time in [0, spread) instead, and after 1013 ("try again later")
 * it also waits the seconds the server named first.
 */
export function reconnectDelayMs({ attempt, closeCode, closeReason = '', baseMs = RECONNECT_BASE_MS,
  capMs = RECONNECT_CAP_MS, spreadMs = RECONNECT_SPREAD_MS, random = Math.random }) {
  if (attempt === 0 && WAVE_CLOSES.has(closeCode)) {
    const named = closeCode === TRY_AGAIN_LATER ? /try again in (\d+) s/.exec(closeReason) : null;
    return (named ? Number(named[1]) * 1000 : 0) + Math.floor(random() * spreadMs);
  }
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

/** SHA-256 of an ArrayBuffer or Uint8Array as lower-case hex; in every context, secure or not. */
export async function sha256Hex(buffer) {
  return bytesToHex(sha256(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer)));
}

/** An error the server sent, or one raised by the client; `code` is the server's error code when there is one. */
export class PeerShareError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'PeerShareError';
    this.code = code;
    this.details = details;
  }
}

/**
 * One transfer as the client sees it. `direction` is 'out' (we send) or 'in' (we receive);
 * `state` follows the server: pending, accepted, completed, rejected, cancelled, failed. While accepted, `phase` is
 * 'connecting' until the data channel opens, then 'transferring'. An ended transfer has `reasonCode` (one of
 * FAILURE_CODES when it failed; `by-you` or `by-peer` when cancelled or declined) and `reason`: a person's own
 * words for a cancel or decline, or, for a failure, a developer's note (exception text: never for the screen).
 * `restored` marks a transfer remembered from before a reload: its file or data are gone.
 */
class Transfer {
  constructor(fields) {
    Object.assign(this, {
      id: null, direction: 'out', peerId: null, peerName: '', fileName: '', fileSize: 0,
      mimeType: 'application/octet-stream', state: 'pending', phase: null, bytes: 0, reason: null,
      reasonCode: null, file: null, blob: null, sha256: null, restored: false,
    }, fields);
    this.pc = null;
    this.channel = null;
    this.pendingCandidates = [];
    this.chunks = [];
    this.received = 0;
    this.expectedHash = null;
    this.lastProgressSent = 0;
    // Signals sent until the data channel opens, sent again if the other side may have missed them.
    this.signalLog = [];
    this.channelOpen = false;
    this.sentAll = false;
    this.connectTimer = null;
    // The SHA-256 of what has been read (sender) or received (receiver) so far: no pass over the file before sending.
    this.hasher = null;
  }

  /** What is remembered across a reload. */
  toRecord() {
    const { id, direction, peerId, peerName, fileName, fileSize, mimeType, state, bytes, reason, reasonCode } = this;
    return { id, direction, peerId, peerName, fileName, fileSize, mimeType, state, bytes, reason, reasonCode };
  }

  get done() {
    return ['completed', 'rejected', 'cancelled', 'failed'].includes(this.state);
  }
}

function defaultStorage() {
  try {
    return globalThis.sessionStorage || null;
  } catch {
    return null; // storage disabled
  }
}

function transferIdOf(event, data) {
  if (event === 'webrtc-signal') return data && data.signal ? data.signal.transferId : undefined;
  return data ? data.transferId : undefined;
}

/**
 * The client. Events (all `CustomEvent`s, data in `detail`):
 * connection (state changes), open, close, joined, peers, history, message, server-error,
 * transfer-request, transfer-update (any change of a transfer: state or progress), ice-servers.
 *
 * Connection states: 'disconnected' (no socket and not trying), 'connecting' (the first socket is opening),
 * 'connected' (socket open and, once joined, in the network), 'reconnecting' (the socket was lost while in a
 * network: waiting, reconnecting and resuming the session by itself).
 */
export class PeerShareClient extends EventTarget {
  /**
   * @param {string} url the server's WebSocket URL, e.g. `wss://share.example.com/ws`
   * @param {object} [options] `reconnect` (default true), `storage` (default `sessionStorage`: keeps the session
   *   and the list of transfers per tab, across reloads), `storageKey`, `reconnectBaseMs`, `reconnectCapMs`,
   *   `reconnectSpreadMs`, `connectionTimeoutMs` (how long a transfer may take to connect; default 20 s)
   */
  constructor(url, options = {}) {
    super();
    this.url = url;
    this.options = {
      reconnect: true, storage: defaultStorage(), storageKey: 'peershare.session',
      reconnectBaseMs: RECONNECT_BASE_MS, reconnectCapMs: RECONNECT_CAP_MS, reconnectSpreadMs: RECONNECT_SPREAD_MS,
      connectionTimeoutMs: TRANSFER_CONNECT_TIMEOUT_MS,
      ...options,
    };
    this.ws = null;
    this.state = 'disconnected';
    this.selfId = null;
    this.networkName = null;
    this.userName = null;
    this.iceServers = [];
    this.limits = {};
    this.peers = new Map();
    this.transfers = new Map();
    this.pending = new Map();
    this.heartbeat = null;
    this.heartbeatMs = 25000;
    // How the last socket closed, for the wait before reconnecting.
    this.lastClose = { code: 0, reason: '' };
    this.lastFrameAt = 0;
    // Whether every event may go out now (false while reconnecting, until the session is back).
    this.ready = false;
    this.queue = [];
    this.attempt = 0;
    this.retryTimer = null;
    this.recovering = false;
    this.recoveryWaiters = [];
    this.closedByUser = false;
    this.messageIds = new Set();
    this.session = this.loadSession();
    this.restoreTransfers();
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(TAB_CHANNEL) : null;
    if (this.tabs) {
      this.tabs.addEventListener('message', (e) => {
        const m = e.data;
        if (m && m.type === 'who-has' && m.peerId && m.peerId === this.selfId && this.state !== 'disconnected') {
          this.tabs.postMessage({ type: 'mine', nonce: m.nonce });
        }
      });
    }
    if (typeof window !== 'undefined' && window.addEventListener) {
      // Back online: try at once rather than at the end of the current wait.
      window.addEventListener('online', () => {
        if (this.recovering && this.retryTimer) {
          clearTimeout(this.retryTimer);
          this.retryTimer = null;
          this.attemptRecovery();
        }
      });
    }
  }

  /** Whether this tab has a session to come back to (it joined and did not leave). */
  get hasSession() {
    return Boolean(this.session.joined && this.session.userName);
  }

  /** The names of the session this tab would resume or rejoin: `{networkName, userName, deviceType}`. */
  get savedSession() {
    const { networkName = '', userName = null, deviceType = null } = this.session;
    return { networkName, userName, deviceType };
  }

  /** Whether a message or transfer from this peer id is ours: this connection's id or an earlier one of this tab. */
  isOwn(peerId) {
    if (!peerId) return false;
    return peerId === this.selfId || (this.session.ownPeerIds || []).includes(peerId);
  }

  /** Opens the WebSocket. Resolves once it is open. */
  async connect() {
    this.closedByUser = false;
    this.setState('connecting');
    try {
      await this.openSocket(CONNECT_TIMEOUT_MS);
    } catch (e) {
      this.setState('disconnected', { error: e });
      throw e;
    }
    this.ready = true;
    this.setState('connected');
    this.emit('open', {});
  }

  /**
   * Comes back to the session this tab had (after a reload): opens a socket, sends `resume` with the stored token
   * and, if the server no longer knows it, joins afresh with the stored names. Retries with backoff while the
   * server cannot be reached. Resolves with the `network-joined` data; rejects if there is no session or the
   * fresh join is refused.
   */
  resume() {
    if (!this.hasSession) return Promise.reject(new PeerShareError('NO_SESSION', 'there is no session to resume'));
    this.closedByUser = false;
    const done = new Promise((resolve, reject) => this.recoveryWaiters.push({ resolve, reject }));
    if (!this.recovering) {
      if (this.ws && this.ready && this.selfId) {
        // Already in: nothing to resume.
        this.settleRecovery(null, { peerId: this.selfId, networkName: this.networkName, userName: this.userName });
      } else {
        this.startRecovery(true);
      }
    }
    return done;
  }

  /**
   * Joins (or moves to) a network. Resolves with the server's `network-joined` data. Without `networkName`
   * (or with a blank one) the server puts the peer in the network of its address: everyone behind the same
   * public address, shown as `networkName: ""`.
   */
  async join(networkName, userName, deviceType = guessDeviceType()) {
    const name = typeof networkName === 'string' ? networkName.trim() : '';
    this.requestedNetwork = name;
    return this.request('join-wifi-network', this.joinData(name, userName, deviceType), { force: true });
  }

  /** Leaves the network, forgets the session (no resume after this) and stops reconnecting. */
  leave() {
    this.session = { ownPeerIds: this.session.ownPeerIds || [] };
    this.saveSession();
    this.send('leave-wifi-network', {}, undefined, { force: true });
    clearInterval(this.heartbeat);
    if (this.recovering) {
      this.stopRecovery();
      this.failEverything(new PeerShareError('LEFT', 'left the network'));
      if (this.ws) {
        // A socket opened for the resume that never came: close it; the next join opens a new one.
        const ws = this.ws;
        ws.onclose = null;
        ws.onmessage = null;
        this.ws = null;
        try { ws.close(1000, 'left'); } catch { /* already closed */ }
      }
      this.setState('disconnected');
    }
    this.selfId = null;
    this.peers.clear();
    this.emit('peers', { peers: [] });
  }

  sendMessage(text) {
    return this.request('send-message', { text });
  }

  /** Offers a File (or Blob with a name) to a peer. Returns the Transfer; watch transfer-update for its fate. */
  async sendFile(peerId, file) {
    const peer = this.peers.get(peerId);
    const transfer = new Transfer({
      direction: 'out', peerId, peerName: peer ? peer.userName : '', fileName: file.name || 'file',
      fileSize: file.size, mimeType: file.type || 'application/octet-stream', file,
    });
    const initiated = await this.request('initiate-file-transfer', {
      to: peerId, fileName: transfer.fileName, fileSize: transfer.fileSize, mimeType: transfer.mimeType,
    });
    transfer.id = initiated.transferId;
    this.transfers.set(transfer.id, transfer);
    this.update(transfer);
    return transfer;
  }

  accept(transferId) {
    return this.request('accept-file-transfer', { transferId });
  }

  reject(transferId, reason) {
    return this.request('reject-file-transfer', reason ? { transferId, reason } : { transferId });
  }

  cancel(transferId, reason) {
    return this.request('cancel-file-transfer', reason ? { transferId, reason } : { transferId });
  }

  /** Closes every transfer and the WebSocket, and does not reconnect. The stored session is kept. */
  close() {
    this.closedByUser = true;
    this.stopRecovery();
    clearInterval(this.heartbeat);
    for (const t of this.transfers.values()) this.teardown(t);
    const ws = this.ws;
    if (ws) {
      this.onSocketClose(ws, { code: 1000, reason: 'bye' });
      try { ws.close(1000, 'bye'); } catch { /* already closed */ }
    } else {
      this.setState('disconnected');
    }
  }

  /**
   * For tests and demos: loses the signaling socket as a network drop would, without leaving the network. The
   * client then reconnects and resumes as after any drop. With `halfOpen` the old socket is not even closed (as
   * when the network vanished under it); the server finds out when the session is resumed on the new one.
   */
  simulateDrop({ halfOpen = false } = {}) {
    this.dropSocket('simulated network drop', halfOpen);
  }

  // ---- connection state and reconnection ----

  setState(state, extra = {}) {
    const previous = this.state;
    this.state = state;
    if (previous !== state || state === 'reconnecting') {
      this.emit('connection', { state, previous, ...extra });
    }
  }

  openSocket(timeoutMs) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      let settled = false;
      const fail = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.onopen = null;
        ws.onclose = null;
        ws.onerror = null;
        ws.onmessage = null;
        try { ws.close(); } catch { /* never opened */ }
        if (this.ws === ws) this.ws = null;
        reject(error);
      };
      const timer = setTimeout(() => fail(new PeerShareError('CONNECT_TIMEOUT', 'the server did not answer')), timeoutMs);
      ws.onopen = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.lastFrameAt = Date.now();
        ws.onerror = null;
        ws.onclose = (e) => this.onSocketClose(ws, e);
        resolve();
      };
      ws.onerror = () => fail(new PeerShareError('CONNECTION_FAILED', 'could not connect to the server'));
      ws.onclose = () => fail(new PeerShareError('CONNECTION_FAILED', 'could not connect to the server'));
      ws.onmessage = (e) => {
        if (this.ws === ws) this.onFrame(e.data);
      };
    });
  }

  /** Gives up on the current socket at once (dead connection, or a test's simulated drop). */
  dropSocket(reason, halfOpen = false) {
    const ws = this.ws;
    if (!ws) return;
    ws.onclose = null;
    ws.onmessage = null;
    ws.onerror = null;
    this.onSocketClose(ws, { code: 4000, reason });
    if (!halfOpen) {
      try { ws.close(); } catch { /* already closed */ }
    }
  }

  onSocketClose(ws, e) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.ready = false;
    this.lastClose = { code: e.code, reason: e.reason || '' };
    clearInterval(this.heartbeat);
    const replaced = e.code === RESUMED_ELSEWHERE;
    if (replaced) {
      // Another connection took this session over with our token; the session lives on there.
      this.session = { ownPeerIds: this.session.ownPeerIds || [] };
      this.saveSession();
    }
    const reconnect = !this.closedByUser && !replaced && this.options.reconnect && this.hasSession;
    this.emit('close', { code: e.code, reason: e.reason, reconnecting: reconnect });
    if (reconnect) {
      this.holdPendingForResume();
      if (!this.recovering) this.startRecovery(false);
      else this.scheduleAttempt();
      return;
    }
    this.stopRecovery();
    this.selfId = null;
    this.peers.clear();
    const error = replaced
      ? new PeerShareError('RESUMED_ELSEWHERE', 'this session continued on another connection (another tab or window?)')
      : new PeerShareError('DISCONNECTED', 'disconnected from the server');
    this.failEverything(error);
    this.setState('disconnected', { code: e.code, reason: e.reason, error: this.closedByUser ? undefined : error });
  }

  /** Requests that were sent but not answered: transfer answers go out again after the resume, the rest fail. */
  holdPendingForResume() {
    const held = [];
    for (const [requestId, waiting] of this.pending) {
      if (waiting.queued) continue;
      if (QUEUEABLE.has(waiting.event)) {
        waiting.queued = true;
        held.push({ event: waiting.event, data: waiting.data, requestId });
      } else {
        this.pending.delete(requestId);
        waiting.reject(new PeerShareError('DISCONNECTED', 'the connection to the server was lost; try again in a moment'));
      }
    }
    this.queue.unshift(...held);
  }

  startRecovery(immediately) {
    this.recovering = true;
    this.ready = false;
    if (immediately) {
      this.setState('reconnecting', { attempt: this.attempt, delayMs: 0 });
      this.attemptRecovery();
    } else {
      this.scheduleAttempt();
    }
  }

  /** The wait before the next attempt; see reconnectDelayMs. */
  nextDelay() {
    const delayMs = reconnectDelayMs({
      attempt: this.attempt, closeCode: this.lastClose.code, closeReason: this.lastClose.reason,
      baseMs: this.options.reconnectBaseMs, capMs: this.options.reconnectCapMs,
      spreadMs: this.options.reconnectSpreadMs,
    });
    this.attempt += 1;
    return delayMs;
  }

  scheduleAttempt() {
    clearTimeout(this.retryTimer);
    const delayMs = this.nextDelay();
    this.setState('reconnecting', { attempt: this.attempt, delayMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.attemptRecovery();
    }, delayMs);
  }

  stopRecovery() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.recovering = false;
  }

  async attemptRecovery() {
    if (!this.recovering || this.ws) return;
    try {
      await this.openSocket(RECONNECT_TIMEOUT_MS);
    } catch {
      if (this.recovering && !this.closedByUser) this.scheduleAttempt();
      return;
    }
    const ws = this.ws;
    try {
      if (this.session.resumeToken && !this.selfId && await this.heldByAnotherTab(this.lastOwnPeerId())) {
        // A duplicated tab: the session is the original tab's. This one joins as a new peer with the same names.
        this.session.resumeToken = null;
        this.session.ownPeerIds = [];
        this.saveSession();
      }
      if (this.session.resumeToken) {
        try {
          await this.request('resume', { resumeToken: this.session.resumeToken }, { force: true });
          return; // network-joined did the rest
        } catch (e) {
          if (e.code !== 'RESUME_FAILED' && e.code !== 'UNKNOWN_EVENT') throw e;
          // Too late (or a server that cannot resume): join afresh with the names we had.
          this.session.resumeToken = null;
          this.saveSession();
        }
      }
      const { networkName, userName, deviceType } = this.savedSession;
      this.requestedNetwork = networkName;
      await this.request('join-wifi-network', this.joinData(networkName, userName, deviceType || guessDeviceType()), { force: true });
    } catch (e) {
      if (ws !== this.ws || e.code === 'DISCONNECTED') return; // the socket went; its close schedules the next try
      if (e.code === 'RATE_LIMITED' || e.code === 'INTERNAL_ERROR' || e.code === 'CLUSTER_UNAVAILABLE') {
        this.dropSocket('retrying later');
        return;
      }
      this.giveUp(e);
    }
  }

  /** The peer id this tab's session had last, or null. */
  lastOwnPeerId() {
    const ids = this.session.ownPeerIds || [];
    return ids.length ? ids[ids.length - 1] : null;
  }

  /**
   * Whether another open tab of this origin holds the session of `peerId` now: asked over a BroadcastChannel,
   * answered within TAB_ANSWER_MS. False without BroadcastChannel (the old behaviour: the session is taken over).
   */
  heldByAnotherTab(peerId) {
    if (!this.tabs || !peerId) return Promise.resolve(false);
    const nonce = `${Date.now()}-${Math.random()}`;
    return new Promise((resolve) => {
      const listener = (e) => {
        if (e.data && e.data.type === 'mine' && e.data.nonce === nonce) {
          clearTimeout(timer);
          this.tabs.removeEventListener('message', listener);
          resolve(true);
        }
      };
      const timer = setTimeout(() => {
        this.tabs.removeEventListener('message', listener);
        resolve(false);
      }, TAB_ANSWER_MS);
      this.tabs.addEventListener('message', listener);
      this.tabs.postMessage({ type: 'who-has', peerId, nonce });
    });
  }

  /** The session cannot come back (the fresh join was refused): forget it and say so. */
  giveUp(error) {
    this.stopRecovery();
    this.session = { ownPeerIds: this.session.ownPeerIds || [] };
    this.saveSession();
    this.failEverything(error);
    this.selfId = null;
    this.ready = Boolean(this.ws);
    this.setState(this.ws ? 'connected' : 'disconnected', { error });
  }

  failEverything(error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.queue = [];
    for (const t of this.transfers.values()) {
      if (!t.done) this.finish(t, 'failed', 'server-lost', 'disconnected from the server');
    }
    const waiters = this.recoveryWaiters.splice(0);
    for (const w of waiters) w.reject(error);
  }

  settleRecovery(error, data) {
    const waiters = this.recoveryWaiters.splice(0);
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve(data);
    }
  }

  // ---- session storage ----

  loadSession() {
    try {
      const stored = this.options.storage && this.options.storage.getItem(this.options.storageKey);
      const session = stored ? JSON.parse(stored) : {};
      return session && typeof session === 'object' ? session : {};
    } catch {
      return {};
    }
  }

  saveSession() {
    try {
      if (this.options.storage) this.options.storage.setItem(this.options.storageKey, JSON.stringify(this.session));
    } catch { /* storage full or disabled: the session just does not survive a reload */ }
  }

  /** The transfers this tab had before a reload, as they were: the ones still going are settled after the resume. */
  restoreTransfers() {
    let records = [];
    try {
      const stored = this.options.storage && this.options.storage.getItem(`${this.options.storageKey}.transfers`);
      records = stored ? JSON.parse(stored) : [];
    } catch { /* nothing usable stored */ }
    if (!Array.isArray(records) || !this.hasSession) return;
    for (const r of records) {
      if (r && typeof r.id === 'string') this.transfers.set(r.id, new Transfer({ ...r, restored: true }));
    }
  }

  rememberTransfers() {
    try {
      if (!this.options.storage) return;
      const records = [...this.transfers.values()].filter((t) => t.id).slice(-REMEMBERED_TRANSFERS).map((t) => t.toRecord());
      this.options.storage.setItem(`${this.options.storageKey}.transfers`, JSON.stringify(records));
    } catch { /* storage full or disabled: a reload forgets the list */ }
  }

  joinData(networkName, userName, deviceType) {
    const data = { userName, deviceType };
    if (networkName) data.networkName = networkName;
    return data;
  }

  // ---- wire ----

  /**
   * Sends an event now, or, while reconnecting, queues the events that can wait (transfer answers, progress,
   * signals). Returns whether the frame went out or was queued.
   */
  send(event, data, requestId, { force = false } = {}) {
    const open = this.ws && this.ws.readyState === WebSocket.OPEN;
    if (open && (force || this.ready)) {
      const frame = { event, data };
      if (requestId !== undefined) frame.requestId = requestId;
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    if (!force && this.recovering && QUEUEABLE.has(event)) {
      return this.enqueue({ event, data, requestId });
    }
    return false;
  }

  enqueue(frame) {
    if (frame.event === 'file-transfer-progress') {
      // Only the newest count per transfer matters.
      const earlier = this.queue.find((q) => q.event === frame.event && q.data.transferId === frame.data.transferId);
      if (earlier) {
        earlier.data = frame.data;
        return true;
      }
    }
    if (this.queue.length >= QUEUE_LIMIT) {
      const droppable = this.queue.findIndex((q) => q.event === 'file-transfer-progress' || q.event === 'webrtc-signal');
      if (droppable < 0) return false;
      this.queue.splice(droppable, 1);
    }
    this.queue.push(frame);
    return true;
  }

  /** Sends what waited, leaving out frames about transfers that ended while we were away. */
  flushQueue(activeIds) {
    const frames = this.queue.splice(0);
    for (const frame of frames) {
      const id = transferIdOf(frame.event, frame.data);
      const waiting = frame.requestId !== undefined ? this.pending.get(frame.requestId) : null;
      if (waiting) waiting.queued = false;
      if (activeIds && id !== undefined && !activeIds.has(id)) {
        if (waiting) {
          this.pending.delete(frame.requestId);
          waiting.resolve({ transferId: id, stale: true });
        }
        continue;
      }
      if (!this.send(frame.event, frame.data, frame.requestId) && waiting) {
        this.pending.delete(frame.requestId);
        waiting.reject(new PeerShareError('DISCONNECTED', 'the connection to the server was lost; try again in a moment'));
      }
    }
  }

  /** Sends an event with a request id; resolves with the data of the direct answer, rejects on its error. */
  request(event, data, { force = false } = {}) {
    const requestId = `r${++requestCounter}`;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { event, data, resolve, reject, queued: false });
      const queued = !force && !this.ready && this.recovering;
      if (!this.send(event, data, requestId, { force })) {
        this.pending.delete(requestId);
        reject(this.recovering
          ? new PeerShareError('DISCONNECTED', 'reconnecting to the server; try again in a moment')
          : new PeerShareError('NOT_CONNECTED', 'not connected to the server'));
        return;
      }
      if (queued) this.pending.get(requestId).queued = true;
    });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      // A socket that stays silent through two heartbeats is dead even if the browser has not noticed.
      if (Date.now() - this.lastFrameAt > this.heartbeatMs * 2 + 10000) {
        this.dropSocket('no answer from the server');
        return;
      }
      this.send('heartbeat', {}, undefined, { force: true });
    }, this.heartbeatMs);
  }

  onFrame(text) {
    this.lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const { event, data = {}, requestId } = frame;
    if (event === 'error') {
      const error = new PeerShareError(data.code, data.message, data);
      const waiting = requestId !== undefined && this.pending.get(requestId);
      if (waiting) {
        this.pending.delete(requestId);
        waiting.reject(error);
      }
      this.emit('server-error', { error });
      return;
    }
    // State first, so that whoever awaits the answer sees it applied.
    switch (event) {
      case 'network-joined': this.onJoined(data); break;
      case 'network-left': this.selfId = null; break;
      case 'message-history': this.onHistory(data); break;
      case 'new-message': this.onMessage(data); break;
      case 'network-users-updated': this.onUsers(data); break;
      case 'webrtc-signal-received': this.onSignal(data.from, data.signal); break;
      case 'file-transfer-request': this.onTransferRequest(data); break;
      case 'file-transfer-initiated': break;
      case 'file-transfer-accepted': this.onAccepted(data); break;
      case 'file-transfer-progress': this.onProgress(data); break;
      case 'file-transfer-completed': this.onEnded(data, 'completed'); break;
      case 'file-transfer-rejected': this.onEnded(data, 'rejected'); break;
      case 'file-transfer-cancelled': this.onEnded(data, 'cancelled'); break;
      case 'file-transfer-failed': this.onEnded(data, 'failed'); break;
      case 'ice-servers-updated': this.onIceServers(data); break;
      default: break;
    }
    if (requestId !== undefined && this.pending.has(requestId)) {
      const waiting = this.pending.get(requestId);
      this.pending.delete(requestId);
      waiting.resolve(data);
    }
  }

  onJoined(data) {
    const wasRecovering = this.recovering;
    const previousId = this.selfId;
    this.selfId = data.peerId;
    this.networkName = data.networkName;
    this.userName = data.userName;
    this.iceServers = data.iceServers || [];
    this.limits = data.limits || {};
    this.heartbeatMs = data.heartbeatIntervalMs || 25000;
    const ownPeerIds = [...(this.session.ownPeerIds || []).filter((id) => id !== data.peerId), data.peerId].slice(-OWN_IDS_LIMIT);
    this.session = {
      joined: true,
      resumeToken: data.resumeToken || null,
      networkName: this.requestedNetwork !== undefined ? this.requestedNetwork : (this.session.networkName || ''),
      userName: data.userName,
      deviceType: data.deviceType,
      ownPeerIds,
    };
    this.saveSession();
    this.startHeartbeat();
    this.stopRecovery();
    this.attempt = 0;
    this.ready = true;

    let activeIds = null;
    let orphans = [];
    if (data.resumed) {
      if (Array.isArray(data.transfers)) {
        ({ activeIds, orphans } = this.reconcileTransfers(data.transfers, undefined, data.endedTransfers));
      }
    } else if (wasRecovering || (previousId && previousId !== data.peerId)) {
      // A new identity: whatever the old one had going is gone on the server.
      ({ activeIds } = this.reconcileTransfers([], 'the connection to the server was lost for too long'));
    }
    // What waited goes first, in the order it was made; then the ends of transfers this page no longer has.
    this.flushQueue(activeIds);
    for (const s of orphans) {
      this.send('cancel-file-transfer', { transferId: s.transferId, reason: `${FAILURE_PREFIX}page-reloaded` });
    }
    if (data.resumed) {
      // Signals sent just before the drop may have been lost with the old socket.
      for (const t of this.transfers.values()) this.resendSignals(t);
    }
    this.setState('connected', { resumed: Boolean(data.resumed) });
    const recovered = wasRecovering ? (data.resumed ? 'resumed' : 'rejoined') : undefined;
    this.emit('joined', { ...data, recovered });
    this.settleRecovery(null, data);
  }

  onHistory(data) {
    const seen = new Set();
    const messages = [];
    for (const m of data.messages || []) {
      if (m && m.id !== undefined && seen.has(m.id)) continue;
      seen.add(m.id);
      messages.push(m);
    }
    this.messageIds = seen;
    this.emit('history', { messages });
  }

  onMessage(data) {
    if (data.id !== undefined) {
      if (this.messageIds.has(data.id)) return;
      this.messageIds.add(data.id);
    }
    this.emit('message', data);
  }

  onUsers(data) {
    const before = this.peers;
    this.peers = new Map(data.users.filter((u) => u.peerId !== this.selfId).map((u) => [u.peerId, u]));
    this.emit('peers', { peers: [...this.peers.values()] });
    for (const [peerId, peer] of this.peers) {
      const earlier = before.get(peerId);
      if (earlier && earlier.away && !peer.away) {
        // It came back: what we signalled while it was away did not reach it.
        for (const t of this.transfers.values()) {
          if (t.peerId === peerId) this.resendSignals(t);
        }
      }
    }
  }

  onIceServers(data) {
    if (!Array.isArray(data.iceServers)) return;
    this.iceServers = data.iceServers;
    for (const t of this.transfers.values()) {
      if (!t.pc) continue;
      try {
        t.pc.setConfiguration({ ...t.pc.getConfiguration(), iceServers: this.iceServers });
      } catch { /* this connection keeps the credentials it has */ }
    }
    this.emit('ice-servers', { iceServers: this.iceServers });
  }

  // ---- transfers ----

  update(transfer) {
    if (transfer.rememberedState !== transfer.state + transfer.phase) {
      transfer.rememberedState = transfer.state + transfer.phase;
      this.rememberTransfers();
    }
    this.emit('transfer-update', { transfer });
  }

  /**
   * After a resume: the server lists this peer's transfers still pending or accepted. Brings the local ones in
   * line; returns the ids still active and the listed transfers this page does not know (and cannot go on with).
   */
  reconcileTransfers(list, lostReason = 'it ended while this device was disconnected', ended = []) {
    const active = new Map(list.map((s) => [s.transferId, s]));
    const endings = new Map((Array.isArray(ended) ? ended : []).map((s) => [s.transferId, s]));
    for (const t of this.transfers.values()) {
      if (t.done) continue;
      const s = active.get(t.id);
      const ending = endings.get(t.id);
      if (!s && ending) {
        // It ended while we were away; the server kept how.
        this.onEnded(ending, ending.state);
        continue;
      }
      if (!s) {
        // It ended while we were away and the server could not tell how (it moved nodes). What we know decides.
        if (t.direction === 'in' && t.blob) this.finish(t, 'completed', null);
        else if (t.direction === 'out' && t.sentAll) this.finish(t, 'completed', null);
        else this.finish(t, 'failed', t.restored ? 'page-reloaded' : 'server-lost', lostReason);
        continue;
      }
      if (t.restored && !(t.direction === 'in' && s.state === 'pending')) {
        // From before this page's reload: its file or the data received so far went with the page.
        this.fail(t, 'page-reloaded', 'this page was reloaded');
        continue;
      }
      if (t.direction === 'out' && typeof s.bytesTransferred === 'number') t.bytes = Math.max(t.bytes, s.bytesTransferred);
      if (s.state === 'accepted' && t.state === 'pending') {
        this.onAccepted({ transferId: t.id });
      } else {
        this.update(t);
      }
    }
    // Unknown here: this page was reloaded. An offer we have not answered comes again as a request; the rest
    // (our own offers, whose files this page no longer has, and accepted ones whose connection is gone) end.
    const orphans = list.filter((s) => !this.transfers.has(s.transferId) && !(s.to === this.selfId && s.state === 'pending'));
    return { activeIds: new Set(active.keys()), orphans };
  }

  onTransferRequest(data) {
    const known = this.transfers.get(data.transferId);
    if (known) {
      // Sent again after a resume: already shown, unless this page was reloaded since.
      if (known.restored && !known.done) this.emit('transfer-request', { transfer: known });
      return;
    }
    const transfer = new Transfer({
      id: data.transferId, direction: 'in', peerId: data.from, peerName: data.fromUserName,
      fileName: data.fileName, fileSize: data.fileSize, mimeType: data.mimeType,
    });
    this.transfers.set(transfer.id, transfer);
    this.emit('transfer-request', { transfer });
    this.update(transfer);
  }

  onAccepted(data) {
    const t = this.transfers.get(data.transferId);
    if (!t || t.done || t.state === 'accepted') return;
    t.state = 'accepted';
    t.phase = 'connecting';
    this.update(t);
    // Both sides watch the clock: whichever gives up first tells the other, so both show the same.
    t.connectTimer = setTimeout(() => {
      if (!t.done && !t.channelOpen) this.fail(t, 'connection-timeout', `no data channel after ${this.options.connectionTimeoutMs} ms`);
    }, this.options.connectionTimeoutMs);
    if (t.direction === 'out') {
      this.startSending(t).catch((e) => this.fail(t, 'signaling-failed', e.message));
    }
  }

  onProgress(data) {
    const t = this.transfers.get(data.transferId);
    if (!t || t.direction !== 'out' || t.done) return;
    // The receiver's count is the truth for the sender's progress bar.
    t.bytes = Math.max(t.bytes, data.bytesTransferred);
    this.update(t);
  }

  onEnded(data, state) {
    const t = this.transfers.get(data.transferId);
    if (!t || t.done) return;
    const reason = typeof data.reason === 'string' ? data.reason : null;
    if (state === 'failed') {
      this.finish(t, 'failed', reason === 'PEER_LEFT' ? 'peer-left' : reason === 'TIMEOUT' ? 'no-answer' : 'connection-failed', reason);
    } else if (state === 'cancelled' && reason && reason.startsWith(FAILURE_PREFIX)) {
      // The other side (or this one, before a reload) found it could not go on: the same failure here.
      const code = reason.slice(FAILURE_PREFIX.length);
      this.finish(t, 'failed', FAILURE_CODES.includes(code) ? code : 'connection-failed', null);
    } else if (state === 'cancelled' || state === 'rejected') {
      this.finish(t, state, data.by && this.isOwn(data.by) ? 'by-you' : 'by-peer', reason);
    } else {
      this.finish(t, state, null, null);
    }
  }

  finish(t, state, reasonCode, reason = null) {
    t.state = state;
    t.reasonCode = reasonCode;
    t.reason = reason;
    if (state === 'completed') t.bytes = t.fileSize;
    this.teardown(t);
    this.update(t);
  }

  /**
   * Ends a transfer this side cannot go on with: cancels it through the server with the failure's code, which the
   * other side shows as the same failure. `note` is for developers (the console), never for the screen.
   */
  fail(t, code, note) {
    if (t.done) return;
    if (note) console.warn(`PeerShare transfer ${t.id} (${t.fileName}) failed: ${code}: ${note}`);
    this.cancel(t.id, `${FAILURE_PREFIX}${code}`).catch(() => {});
    this.finish(t, 'failed', code, note || null);
  }

  teardown(t) {
    clearTimeout(t.connectTimer);
    t.connectTimer = null;
    t.hasher = null;
    if (t.channel) {
      t.channel.onmessage = null;
      t.channel.onclose = null;
      try { t.channel.close(); } catch { /* already closed */ }
    }
    if (t.pc) {
      try { t.pc.close(); } catch { /* already closed */ }
    }
    t.channel = null;
    t.pc = null;
    t.signalLog = [];
    t.chunks = t.state === 'completed' ? t.chunks : [];
    // A sender keeps a failed transfer's file, so that it can be sent again (File is a handle, not the bytes).
    t.file = t.direction === 'out' && t.done && t.state !== 'failed' ? null : t.file;
  }

  newPeerConnection(t) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.onicecandidate = (e) => {
      if (e.candidate) this.signal(t, { kind: 'candidate', candidate: e.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && !t.done) this.fail(t, 'connection-failed', 'ICE failed');
    };
    t.pc = pc;
    return pc;
  }

  signal(t, payload) {
    if (!t.channelOpen) t.signalLog.push(payload);
    this.send('webrtc-signal', { to: t.peerId, signal: { transferId: t.id, ...payload } });
  }

  /** Sends again what this side signalled for a transfer whose data channel is not open yet. */
  resendSignals(t) {
    if (t.done || t.channelOpen || t.state !== 'accepted' || t.signalLog.length === 0) return;
    for (const payload of t.signalLog) {
      this.send('webrtc-signal', { to: t.peerId, signal: { transferId: t.id, ...payload } });
    }
  }

  async startSending(t) {
    if (typeof RTCPeerConnection !== 'function') {
      this.fail(t, 'no-webrtc', 'RTCPeerConnection is not available');
      return;
    }
    const pc = this.newPeerConnection(t);
    const channel = pc.createDataChannel(`peershare-${t.id}`, { ordered: true });
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = BUFFER_LOW;
    t.channel = channel;
    channel.onopen = () => {
      this.connected(t);
      this.pumpFile(t).catch((e) => this.fail(t, 'send-failed', e.message));
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.signal(t, { kind: 'description', description: pc.localDescription.toJSON() });
  }

  async onSignal(from, signal) {
    const t = signal && this.transfers.get(signal.transferId);
    if (!t || t.peerId !== from || t.done) return;
    try {
      if (signal.kind === 'description') {
        const description = signal.description;
        if (description.type === 'offer') {
          if (t.direction !== 'in' || t.state !== 'accepted') return;
          if (t.pc && t.pc.remoteDescription) return; // the same offer again after a drop; our answer is re-sent on its own
          const pc = t.pc || this.newPeerConnection(t);
          pc.ondatachannel = (e) => this.receiveFile(t, e.channel);
          await pc.setRemoteDescription(description);
          await pc.setLocalDescription(await pc.createAnswer());
          this.signal(t, { kind: 'description', description: pc.localDescription.toJSON() });
        } else if (t.pc) {
          if (t.pc.signalingState !== 'have-local-offer') return; // an answer we already have
          await t.pc.setRemoteDescription(description);
        }
        for (const c of t.pendingCandidates.splice(0)) await t.pc.addIceCandidate(c).catch(() => {});
      } else if (signal.kind === 'candidate') {
        if (t.pc && t.pc.remoteDescription) await t.pc.addIceCandidate(signal.candidate).catch(() => {});
        else t.pendingCandidates.push(signal.candidate);
      }
    } catch (e) {
      this.fail(t, 'signaling-failed', e.message);
    }
  }

  /** The data channel is open: the connecting clock stops and bytes may flow. */
  connected(t) {
    t.channelOpen = true;
    t.signalLog = [];
    clearTimeout(t.connectTimer);
    t.connectTimer = null;
    t.phase = 'transferring';
    t.hasher = sha256.create();
    this.update(t);
  }

  async pumpFile(t) {
    const channel = t.channel;
    channel.send(JSON.stringify({ type: 'meta', size: t.fileSize }));
    let offset = 0;
    while (offset < t.fileSize) {
      if (t.done || channel.readyState !== 'open') return;
      if (channel.bufferedAmount > BUFFER_HIGH) {
        await new Promise((resolve) => {
          channel.onbufferedamountlow = () => { channel.onbufferedamountlow = null; resolve(); };
        });
        continue;
      }
      const end = Math.min(offset + CHUNK_SIZE, t.fileSize);
      const chunk = await t.file.slice(offset, end).arrayBuffer();
      if (t.done || channel.readyState !== 'open') return;
      t.hasher.update(new Uint8Array(chunk));
      channel.send(chunk);
      offset = end;
      // Until the receiver's reports arrive, what has left the send buffer is the best measure.
      const now = Date.now();
      if (now - t.lastProgressSent >= 100) {
        t.lastProgressSent = now;
        t.bytes = Math.max(t.bytes, offset - channel.bufferedAmount);
        this.update(t);
      }
    }
    if (t.done || channel.readyState !== 'open') return;
    t.sha256 = bytesToHex(t.hasher.digest());
    // The digest comes last, computed as the file was read: the receiver checks what it got against it.
    channel.send(JSON.stringify({ type: 'done', sha256: t.sha256 }));
    t.sentAll = true;
  }

  receiveFile(t, channel) {
    channel.binaryType = 'arraybuffer';
    t.channel = channel;
    const opened = () => this.connected(t);
    if (channel.readyState === 'open') opened();
    else channel.onopen = opened;
    channel.onmessage = (e) => {
      if (t.done) return;
      if (typeof e.data === 'string') {
        let control = {};
        try { control = JSON.parse(e.data); } catch { /* not ours: ignored */ }
        // An older sender put the digest in its meta message.
        if (control.type === 'meta' && control.sha256) t.expectedHash = control.sha256;
        if (control.type === 'done') {
          if (control.sha256) t.expectedHash = control.sha256;
          this.verify(t).catch((err) => this.fail(t, 'receive-failed', err.message));
        }
        return;
      }
      t.received += e.data.byteLength;
      t.bytes = t.received;
      if (t.received > t.fileSize) {
        this.fail(t, 'oversent', 'the sender sent more than it announced');
        return;
      }
      t.chunks.push(e.data);
      if (!t.hasher) t.hasher = sha256.create();
      t.hasher.update(new Uint8Array(e.data));
      const now = Date.now();
      if (now - t.lastProgressSent >= PROGRESS_INTERVAL_MS) {
        t.lastProgressSent = now;
        this.send('file-transfer-progress', { transferId: t.id, bytesTransferred: t.received });
      }
      this.update(t);
    };
    channel.onclose = () => {
      if (!t.done && t.received < t.fileSize) this.fail(t, 'receive-failed', 'the data channel closed before the file arrived');
    };
  }

  async verify(t) {
    const blob = new Blob(t.chunks, { type: t.mimeType });
    const hash = bytesToHex((t.hasher || sha256.create()).digest());
    if (blob.size !== t.fileSize || hash !== t.expectedHash) {
      this.fail(t, 'damaged', `size ${blob.size} of ${t.fileSize}, SHA-256 ${hash}, expected ${t.expectedHash}`);
      return;
    }
    t.blob = blob;
    t.sha256 = hash;
    // While reconnecting this waits in the queue; a resume that finds the transfer over settles it as stale.
    await this.request('complete-file-transfer', { transferId: t.id });
    if (!t.done) this.finish(t, 'completed', null);
  }
}

export function guessDeviceType() {
  const ua = navigator.userAgent || '';
  if (/iPad|Tablet/i.test(ua)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(ua)) return 'phone';
  return 'computer';
}
