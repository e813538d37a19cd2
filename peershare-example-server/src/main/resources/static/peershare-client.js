// PeerShare browser client: signaling over one WebSocket, files over WebRTC data channels.
// Plain ES module, no dependencies. See docs/client.md.

const CHUNK_SIZE = 16 * 1024;
// Flow control: stop writing above HIGH, resume when the channel drains below LOW.
const BUFFER_HIGH = 1024 * 1024;
const BUFFER_LOW = 256 * 1024;
const PROGRESS_INTERVAL_MS = 500;
const CONNECT_TIMEOUT_MS = 20000;

let requestCounter = 0;

/** SHA-256 of an ArrayBuffer as lower-case hex. */
export async function sha256Hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
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
 * `state` follows the server: pending, accepted, completed, rejected, cancelled, failed.
 */
class Transfer {
  constructor(fields) {
    Object.assign(this, {
      id: null, direction: 'out', peerId: null, peerName: '', fileName: '', fileSize: 0,
      mimeType: 'application/octet-stream', state: 'pending', bytes: 0, reason: null,
      file: null, blob: null, sha256: null,
    }, fields);
    this.pc = null;
    this.channel = null;
    this.pendingCandidates = [];
    this.chunks = [];
    this.received = 0;
    this.expectedHash = null;
    this.lastProgressSent = 0;
  }

  get done() {
    return ['completed', 'rejected', 'cancelled', 'failed'].includes(this.state);
  }
}

/**
 * The client. Events (all `CustomEvent`s, data in `detail`):
 * open, close, joined, peers, history, message, server-error,
 * transfer-request, transfer-update (any change of a transfer: state or progress).
 */
export class PeerShareClient extends EventTarget {
  /** @param {string} url the server's WebSocket URL, e.g. `wss://share.example.com/ws` */
  constructor(url) {
    super();
    this.url = url;
    this.ws = null;
    this.selfId = null;
    this.networkName = null;
    this.userName = null;
    this.iceServers = [];
    this.limits = {};
    this.peers = new Map();
    this.transfers = new Map();
    this.pending = new Map();
    this.heartbeat = null;
  }

  /** Opens the WebSocket. Resolves once it is open. */
  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      const timer = setTimeout(() => reject(new PeerShareError('CONNECT_TIMEOUT', 'the server did not answer')), CONNECT_TIMEOUT_MS);
      ws.onopen = () => {
        clearTimeout(timer);
        this.emit('open', {});
        resolve();
      };
      ws.onerror = () => {
        clearTimeout(timer);
        reject(new PeerShareError('CONNECTION_FAILED', 'could not connect to the server'));
      };
      ws.onclose = (e) => this.onClose(e);
      ws.onmessage = (e) => this.onFrame(e.data);
    });
  }

  /** Joins (or moves to) a network. Resolves with the server's `network-joined` data. */
  async join(networkName, userName, deviceType = guessDeviceType()) {
    const joined = await this.request('join-wifi-network', { networkName, userName, deviceType });
    this.selfId = joined.peerId;
    this.networkName = joined.networkName;
    this.userName = joined.userName;
    this.iceServers = joined.iceServers || [];
    this.limits = joined.limits || {};
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.send('heartbeat', {}), joined.heartbeatIntervalMs || 25000);
    return joined;
  }

  leave() {
    this.send('leave-wifi-network', {});
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

  close() {
    clearInterval(this.heartbeat);
    for (const t of this.transfers.values()) this.teardown(t);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  // ---- wire ----

  send(event, data, requestId) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const frame = { event, data };
    if (requestId !== undefined) frame.requestId = requestId;
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends an event with a request id; resolves with the data of the direct answer, rejects on its error. */
  request(event, data) {
    const requestId = `r${++requestCounter}`;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.send(event, data, requestId);
    });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  onClose(e) {
    clearInterval(this.heartbeat);
    for (const { reject } of this.pending.values()) reject(new PeerShareError('DISCONNECTED', 'disconnected from the server'));
    this.pending.clear();
    for (const t of this.transfers.values()) {
      if (!t.done) this.finish(t, 'failed', 'disconnected from the server');
    }
    this.emit('close', { code: e.code, reason: e.reason });
  }

  onFrame(text) {
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
    if (requestId !== undefined && this.pending.has(requestId)) {
      const waiting = this.pending.get(requestId);
      this.pending.delete(requestId);
      waiting.resolve(data);
    }
    switch (event) {
      case 'network-joined': this.emit('joined', data); break;
      case 'network-left': this.selfId = null; break;
      case 'message-history': this.emit('history', data); break;
      case 'new-message': this.emit('message', data); break;
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
      default: break;
    }
  }

  onUsers(data) {
    this.peers = new Map(data.users.filter((u) => u.peerId !== this.selfId).map((u) => [u.peerId, u]));
    this.emit('peers', { peers: [...this.peers.values()] });
  }

  // ---- transfers ----

  update(transfer) {
    this.emit('transfer-update', { transfer });
  }

  onTransferRequest(data) {
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
    if (!t || t.done) return;
    t.state = 'accepted';
    this.update(t);
    if (t.direction === 'out') {
      this.startSending(t).catch((e) => this.abort(t, `could not send: ${e.message}`));
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
    let reason = data.reason || null;
    if (state === 'failed' && reason === 'PEER_LEFT') reason = 'the other device left';
    if (state === 'failed' && reason === 'TIMEOUT') reason = 'no answer in time';
    this.finish(t, state, reason);
  }

  finish(t, state, reason) {
    t.state = state;
    t.reason = reason;
    if (state === 'completed') t.bytes = t.fileSize;
    this.teardown(t);
    this.update(t);
  }

  /** Cancels through the server (which tells both sides) after a local failure. */
  abort(t, reason) {
    if (t.done) return;
    this.cancel(t.id, reason.slice(0, 200)).catch(() => {});
    this.finish(t, 'failed', reason);
  }

  teardown(t) {
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
    t.chunks = t.state === 'completed' ? t.chunks : [];
    t.file = t.direction === 'out' && t.done ? null : t.file;
  }

  newPeerConnection(t) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.onicecandidate = (e) => {
      if (e.candidate) this.signal(t, { kind: 'candidate', candidate: e.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && !t.done) this.abort(t, 'the peer-to-peer connection failed');
    };
    t.pc = pc;
    return pc;
  }

  signal(t, payload) {
    this.send('webrtc-signal', { to: t.peerId, signal: { transferId: t.id, ...payload } });
  }

  async startSending(t) {
    t.sha256 = await sha256Hex(await t.file.arrayBuffer());
    const pc = this.newPeerConnection(t);
    const channel = pc.createDataChannel(`peershare-${t.id}`, { ordered: true });
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = BUFFER_LOW;
    t.channel = channel;
    channel.onopen = () => this.pumpFile(t).catch((e) => this.abort(t, `sending failed: ${e.message}`));
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
          const pc = t.pc || this.newPeerConnection(t);
          pc.ondatachannel = (e) => this.receiveFile(t, e.channel);
          await pc.setRemoteDescription(description);
          await pc.setLocalDescription(await pc.createAnswer());
          this.signal(t, { kind: 'description', description: pc.localDescription.toJSON() });
        } else if (t.pc) {
          await t.pc.setRemoteDescription(description);
        }
        for (const c of t.pendingCandidates.splice(0)) await t.pc.addIceCandidate(c);
      } else if (signal.kind === 'candidate') {
        if (t.pc && t.pc.remoteDescription) await t.pc.addIceCandidate(signal.candidate);
        else t.pendingCandidates.push(signal.candidate);
      }
    } catch (e) {
      this.abort(t, `signaling failed: ${e.message}`);
    }
  }

  async pumpFile(t) {
    const channel = t.channel;
    channel.send(JSON.stringify({ type: 'meta', size: t.fileSize, sha256: t.sha256 }));
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
      channel.send(await t.file.slice(offset, end).arrayBuffer());
      offset = end;
      // Until the receiver's reports arrive, what has left the send buffer is the best measure.
      const now = Date.now();
      if (now - t.lastProgressSent >= 100) {
        t.lastProgressSent = now;
        t.bytes = Math.max(t.bytes, offset - channel.bufferedAmount);
        this.update(t);
      }
    }
    channel.send(JSON.stringify({ type: 'done' }));
  }

  receiveFile(t, channel) {
    channel.binaryType = 'arraybuffer';
    t.channel = channel;
    channel.onmessage = (e) => {
      if (t.done) return;
      if (typeof e.data === 'string') {
        const control = JSON.parse(e.data);
        if (control.type === 'meta') t.expectedHash = control.sha256;
        if (control.type === 'done') this.verify(t).catch((err) => this.abort(t, `receiving failed: ${err.message}`));
        return;
      }
      t.chunks.push(e.data);
      t.received += e.data.byteLength;
      t.bytes = t.received;
      if (t.received > t.fileSize) {
        this.abort(t, 'the sender sent more than it announced');
        return;
      }
      const now = Date.now();
      if (now - t.lastProgressSent >= PROGRESS_INTERVAL_MS) {
        t.lastProgressSent = now;
        this.send('file-transfer-progress', { transferId: t.id, bytesTransferred: t.received });
      }
      this.update(t);
    };
    channel.onclose = () => {
      if (!t.done && t.received < t.fileSize) this.abort(t, 'the connection closed before the file arrived');
    };
  }

  async verify(t) {
    const blob = new Blob(t.chunks, { type: t.mimeType });
    const hash = await sha256Hex(await blob.arrayBuffer());
    if (blob.size !== t.fileSize || hash !== t.expectedHash) {
      this.abort(t, 'the file arrived damaged (size or SHA-256 differ)');
      return;
    }
    t.blob = blob;
    t.sha256 = hash;
    await this.request('complete-file-transfer', { transferId: t.id });
  }
}

export function guessDeviceType() {
  const ua = navigator.userAgent || '';
  if (/iPad|Tablet/i.test(ua)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(ua)) return 'phone';
  return 'computer';
}
