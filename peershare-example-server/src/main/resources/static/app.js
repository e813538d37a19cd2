// The PeerShare demo page. All user text is set with textContent, never as HTML.
import { PeerShareClient } from './peershare-client.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'peershare.join';
const LOCAL_NETWORK_LABEL = 'Everyone on this Wi-Fi';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const client = new PeerShareClient(wsUrl);
const transferRows = new Map();
// Exposed for debugging in the browser console and for the end-to-end tests.
window.peershare = client;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function toast(message, kind = 'error') {
  const node = el('div', `toast ${kind}`, message);
  $('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** The network without a name is everyone behind the same public address. */
function networkLabel(name) {
  return name ? name : LOCAL_NETWORK_LABEL;
}

function showApp(networkName) {
  $('network-prefix').hidden = !networkName;
  $('network-label').textContent = networkLabel(networkName);
  $('network-label-2').textContent = networkLabel(networkName);
  $('join-view').hidden = true;
  $('app-view').hidden = false;
}

function showJoin() {
  $('app-view').hidden = true;
  $('join-view').hidden = false;
  $('reconnect-banner').hidden = true;
}

// ---- joining ----

function restoreJoinForm() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    if (saved.networkName) $('network-name').value = saved.networkName;
    if (saved.userName) $('user-name').value = saved.userName;
    $(saved.networkName ? 'network-mode-named' : 'network-mode-local').checked = true;
  } catch { /* nothing saved */ }
}

function chosenNetwork() {
  return $('network-mode-named').checked ? $('network-name').value.trim() : '';
}

async function join(event) {
  event.preventDefault();
  const named = $('network-mode-named').checked;
  const networkName = chosenNetwork();
  const userName = $('user-name').value.trim();
  if (named && !networkName) {
    $('network-name').focus();
    return;
  }
  if (!userName) {
    $('user-name').focus();
    return;
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ networkName, userName }));
  $('join-button').disabled = true;
  try {
    if (client.state !== 'connected') {
      await client.connect();
    }
    await client.join(networkName, userName);
  } catch (e) {
    toast(e.message);
    if (client.state !== 'connected') setStatus('offline', 'Offline');
  } finally {
    $('join-button').disabled = false;
  }
}

function leave() {
  client.leave();
  $('messages').replaceChildren();
  showJoin();
  if (client.state === 'connected') setStatus('online', 'Not in a network');
}

// ---- peers ----

function renderPeers(peers) {
  const list = $('peer-list');
  list.replaceChildren();
  $('no-peers').hidden = peers.length > 0;
  for (const peer of peers) {
    const item = el('li', peer.away ? 'peer away' : 'peer');
    item.dataset.peerId = peer.peerId;
    item.append(el('span', `avatar ${peer.deviceType}`, peer.userName.slice(0, 1).toUpperCase()));
    const who = el('div', 'who');
    who.append(el('span', 'name', peer.userName),
      el('span', 'device', peer.away ? `${peer.deviceType} · reconnecting…` : peer.deviceType));
    const picker = el('label', 'button send-file', 'Send file');
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.className = 'file-input';
    input.addEventListener('change', () => {
      for (const file of input.files) sendFile(peer.peerId, file);
      input.value = '';
    });
    picker.append(input);
    item.append(who, picker);
    item.addEventListener('dragover', (e) => { e.preventDefault(); item.classList.add('drop'); });
    item.addEventListener('dragleave', () => item.classList.remove('drop'));
    item.addEventListener('drop', (e) => {
      e.preventDefault();
      item.classList.remove('drop');
      for (const file of e.dataTransfer.files) sendFile(peer.peerId, file);
    });
    list.append(item);
  }
}

async function sendFile(peerId, file) {
  try {
    await client.sendFile(peerId, file);
  } catch (e) {
    toast(`${file.name}: ${e.message}`);
  }
}

// ---- transfers ----

const STATE_LABELS = {
  pending: 'Waiting for an answer', accepted: 'Transferring', completed: 'Done',
  rejected: 'Declined', cancelled: 'Cancelled', failed: 'Failed',
};

function transferRow(t) {
  let row = transferRows.get(t.id);
  if (row) return row;
  row = el('li', 'transfer');
  row.dataset.transferId = t.id;
  row.dataset.direction = t.direction;
  const head = el('div', 'transfer-head');
  const title = el('div', 'title');
  title.append(el('span', 'file-name', t.fileName), el('span', 'meta',
      `${t.direction === 'out' ? 'to' : 'from'} ${t.peerName} · ${formatSize(t.fileSize)}`));
  const actions = el('div', 'actions');
  head.append(el('span', `arrow ${t.direction}`, t.direction === 'out' ? '↑' : '↓'), title, actions);
  const bar = el('div', 'bar');
  bar.append(el('div', 'fill'));
  row.append(head, bar, el('div', 'state'));
  $('transfer-list').prepend(row);
  transferRows.set(t.id, row);
  $('no-transfers').hidden = true;
  return row;
}

function button(label, className, onClick) {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function renderTransfer(t) {
  const row = transferRow(t);
  row.dataset.state = t.state;
  const percent = t.fileSize === 0 ? (t.state === 'completed' ? 100 : 0) : Math.round((t.bytes / t.fileSize) * 100);
  row.querySelector('.fill').style.width = `${Math.min(100, percent)}%`;
  const label = STATE_LABELS[t.state] + (t.state === 'accepted' ? ` · ${percent}%` : '') + (t.reason ? ` · ${t.reason}` : '');
  row.querySelector('.state').textContent = label;
  const actions = row.querySelector('.actions');
  actions.replaceChildren();
  if (t.direction === 'in' && t.state === 'pending') {
    actions.append(
      button('Accept', 'primary accept', () => client.accept(t.id).catch((e) => toast(e.message))),
      button('Decline', 'ghost reject', () => client.reject(t.id).catch((e) => toast(e.message))));
  } else if (!t.done) {
    actions.append(button('Cancel', 'ghost cancel', () => client.cancel(t.id).catch((e) => toast(e.message))));
  } else if (t.direction === 'in' && t.state === 'completed' && t.blob) {
    const link = el('a', 'button primary download', 'Save');
    link.href = URL.createObjectURL(t.blob);
    link.download = t.fileName;
    actions.append(link);
  }
}

// ---- chat ----

function renderMessage(m) {
  const item = el('li', `message ${m.type}${client.isOwn(m.peerId) ? ' mine' : ''}`);
  if (m.id !== undefined) item.dataset.messageId = m.id;
  if (m.type === 'user') {
    const head = el('div', 'message-head');
    head.append(el('span', 'author', m.userName), el('time', 'time', new Date(m.timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    item.append(head);
  }
  item.append(el('div', 'text', m.text));
  const list = $('messages');
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

async function sendChat(event) {
  event.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  try {
    await client.sendMessage(text);
  } catch (e) {
    toast(e.message);
    input.value = text;
  }
}

// ---- wiring ----

client.addEventListener('peers', (e) => renderPeers(e.detail.peers));
client.addEventListener('history', (e) => {
  $('messages').replaceChildren();
  e.detail.messages.forEach(renderMessage);
});
client.addEventListener('message', (e) => renderMessage(e.detail));
client.addEventListener('transfer-update', (e) => renderTransfer(e.detail.transfer));
client.addEventListener('transfer-request', (e) => {
  const t = e.detail.transfer;
  toast(`${t.peerName} wants to send you ${t.fileName} (${formatSize(t.fileSize)})`, 'info');
});
client.addEventListener('server-error', (e) => {
  const { error } = e.detail;
  // Errors answering one of our requests are shown where the request was made; show the rest here. A peer that
  // is away is already shown as reconnecting, and its transfer signals are sent again when it is back.
  if (!error.details.requestId && error.code !== 'PEER_AWAY') toast(error.message);
});
client.addEventListener('joined', (e) => {
  const joined = e.detail;
  showApp(joined.networkName);
  if (joined.recovered === 'rejoined') {
    toast('The session could not be resumed, so this page joined the network again.', 'info');
  }
});
client.addEventListener('close', (e) => {
  if (e.detail.code === 1001 && e.detail.reconnecting) toast('The server is restarting. Reconnecting…', 'info');
});
client.addEventListener('connection', (e) => {
  const { state, error } = e.detail;
  document.body.dataset.connection = state;
  $('reconnect-banner').hidden = state !== 'reconnecting';
  $('chat-form').querySelector('button').disabled = state === 'reconnecting';
  if (state === 'connected') {
    setStatus('online', client.selfId ? `Online as ${client.userName}` : 'Not in a network');
  } else if (state === 'connecting') {
    setStatus('connecting', 'Connecting…');
  } else if (state === 'reconnecting') {
    setStatus('connecting', 'Reconnecting…');
  } else {
    setStatus('offline', 'Offline');
  }
  if (error && !client.selfId) {
    // The session could not come back (or went on elsewhere): back to the join form.
    showJoin();
    toast(error.code === 'DISCONNECTED' ? 'Disconnected from the server.' : error.message);
  }
});
client.addEventListener('joined', () => setStatus('online', `Online as ${client.userName}`));

$('join-form').addEventListener('submit', join);
$('chat-form').addEventListener('submit', sendChat);
$('leave-button').addEventListener('click', leave);
$('network-name').addEventListener('focus', () => { $('network-mode-named').checked = true; });
$('network-name').addEventListener('input', () => { $('network-mode-named').checked = true; });
restoreJoinForm();

if (client.hasSession) {
  // This tab had joined before the reload: come back without asking.
  const { networkName, userName } = client.savedSession;
  $('network-name').value = networkName || $('network-name').value;
  $('user-name').value = userName;
  showApp(networkName);
  client.resume().catch(() => { /* shown by the connection event */ });
}
