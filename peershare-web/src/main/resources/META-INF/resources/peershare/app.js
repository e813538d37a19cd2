// The PeerShare demo page. All user text is set with textContent, never as HTML.
import { FAILURE_CODES, PeerShareClient } from './peershare-client.js';
import { renderSVG } from './vendor/uqr/uqr.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'peershare.join';
const LIMITS_KEY = 'peershare.limits';
const LOCAL_NETWORK_LABEL = 'Everyone on this Wi-Fi';
/** The server's defaults, until its network-joined tells its own (kept for the next visit to the same server). */
const DEFAULT_LIMITS = { maxUserNameLength: 30, maxNetworkNameLength: 50, maxMessageLength: 2000, maxFileNameLength: 255 };
const INFO_TOAST_MS = 6000;
const ERROR_TOAST_MS = 10000;
// Speed: bytes over the last few seconds, shown once they span long enough to mean something, refreshed calmly.
const SPEED_WINDOW_MS = 3000;
const SPEED_MIN_SPAN_MS = 400;
const SPEED_REFRESH_MS = 500;
// A transfer shorter than this shows no average speed: the figure would be noise.
const AVERAGE_MIN_MS = 250;

// Beside the page, wherever it is served: /ws from the reference server, /<context>/ws from a servlet container.
const pageFolder = location.pathname.slice(0, location.pathname.lastIndexOf('/') + 1);
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${pageFolder}ws`;
const client = new PeerShareClient(wsUrl);
const transferRows = new Map();
/** Per transfer: when bytes started to flow, recent samples, the speed shown. */
const transferClocks = new Map();
/** The "wants to send you" toast of each incoming transfer, until it is answered or ends. */
const requestToasts = new Map();
// Exposed for debugging in the browser console and for the end-to-end tests.
window.peershare = client;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- words for people ----

/** One decimal where it tells something (2.1, 6.3), none for whole numbers and from 100 up. */
function formatNumber(value) {
  if (value >= 100) return String(Math.round(value));
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** A size as people read it: 512 bytes, 2.1 MB, 6.3 MB, 1.5 GB (1 KB = 1000 bytes, as on the box of a drive). */
function formatSize(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown size';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value)} ${units[unit]}`;
}

function formatSpeed(bytesPerSecond) {
  return `${formatSize(bytesPerSecond)}/s`;
}

function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 1) return 'under a second';
  if (seconds < 10) return `${formatNumber(seconds)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

// Characters as people see them (grapheme clusters: a family emoji is one), as the server counts them.
const graphemes = typeof Intl === 'object' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function countChars(text) {
  return graphemes ? [...graphemes.segment(text)].length : [...text].length;
}

function ensurePeriod(text) {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function storedLimits() {
  try {
    const saved = JSON.parse(localStorage.getItem(LIMITS_KEY) || '{}');
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

/** The limits in force: this server's from network-joined, else what it said last time, else its defaults. */
function limitsNow() {
  return { ...DEFAULT_LIMITS, ...storedLimits(), ...client.limits };
}

function tooLargeSentence(fileName, fileSize, maxFileSize) {
  const name = fileName || 'This file';
  if (typeof maxFileSize !== 'number') return `${name} is ${formatSize(fileSize)}, more than this server accepts.`;
  const size = formatSize(fileSize);
  const limit = formatSize(maxFileSize);
  if (size === limit || !Number.isFinite(fileSize)) return `${name} is just over ${limit}; files can be at most ${limit} here.`;
  return `${name} is ${size}; files can be at most ${limit} here.`;
}

function tooLongSentence(field, context, limits) {
  const has = typeof context.length === 'number' ? `; this one has ${context.length}` : '';
  switch (field) {
    case 'userName': return `Your name can be at most ${limits.maxUserNameLength} characters${has}.`;
    case 'networkName': return `The network name can be at most ${limits.maxNetworkNameLength} characters${has}.`;
    case 'text': return `A message can be at most ${limits.maxMessageLength} characters${has}.`;
    case 'fileName': return context.fileName
      ? `The name “${context.fileName}” is too long: file names can be at most ${limits.maxFileNameLength} characters.`
      : `File names can be at most ${limits.maxFileNameLength} characters.`;
    case 'reason': return 'That reason is too long.';
    default: return 'Something you typed is too long.';
  }
}

function emptySentence(field) {
  switch (field) {
    case 'userName': return 'Type your name, so the others know who you are.';
    case 'networkName': return `Type the network’s name, or choose “${LOCAL_NETWORK_LABEL}”.`;
    case 'text': return 'Type a message first.';
    case 'fileName': return 'The file has no name.';
    default: return 'Something that is needed was left empty.';
  }
}

/**
 * An error from the server (by its code, docs/protocol.md "Error codes") or from the client, as a sentence for
 * the person in front of the page. `context` tells what they were doing: fileName, fileSize, peerName, field,
 * length (of the text typed), action ('send', 'join', 'chat', ...).
 */
function describeError(error, context = {}, limits = limitsNow()) {
  const code = error && error.code;
  const field = (error && error.details && error.details.field) || context.field;
  const peer = context.peerName;
  let sentence;
  switch (code) {
    case 'FILE_TOO_LARGE': return tooLargeSentence(context.fileName, context.fileSize, limits.maxFileSize);
    case 'FIELD_TOO_LONG': return tooLongSentence(field, context, limits);
    case 'EMPTY_FIELD': sentence = emptySentence(field); break;
    case 'TRANSFER_LIMIT_REACHED': {
      const count = typeof limits.maxTransfersPerPeer === 'number'
        ? `${limits.maxTransfersPerPeer} transfers` : 'as many transfers as the server allows';
      const busy = field === 'to' ? `${peer || 'The other person'} already has ${count} going`
        : `You already have ${count} going`;
      return context.fileName ? `${context.fileName} was not sent: ${field === 'to' ? busy : busy.replace(/^You/, 'you')}. `
        + 'Send it again when one of them has finished.' : `${busy}. Try again when one of them has finished.`;
    }
    case 'NOT_IN_NETWORK': sentence = 'You are no longer in a network. Join one again to go on.'; break;
    case 'NETWORK_FULL': sentence = typeof limits.maxUsersPerNetwork === 'number'
      ? `This network is full: it has room for ${limits.maxUsersPerNetwork} people. Try again later, or choose another name.`
      : 'This network is full. Try again later, or choose another name.'; break;
    case 'JOIN_DENIED': sentence = error.message ? ensurePeriod(`The server did not let you join: ${error.message}`)
      : 'The server did not let you join.'; break;
    case 'RESUME_FAILED': sentence = 'Your earlier session could not be resumed. Join again.'; break;
    case 'PEER_AWAY': sentence = `${peer || 'The other person'} is reconnecting. Try again in a few seconds.`; break;
    case 'PEER_NOT_FOUND': sentence = `${peer || 'That person'} is no longer in this network.`; break;
    case 'CANNOT_TARGET_SELF': sentence = 'You cannot send a file to yourself.'; break;
    case 'TRANSFER_NOT_FOUND': sentence = 'This transfer has already ended.'; break;
    case 'INVALID_TRANSFER_STATE': sentence = 'This transfer has already been answered, or it has ended.'; break;
    case 'SIGNAL_TOO_LARGE': sentence = 'The connection to the other device could not be set up.'; break;
    case 'RATE_LIMITED': sentence = 'That was too fast for the server. Wait a moment and try again.'; break;
    case 'CLUSTER_UNAVAILABLE': sentence = 'The server cannot reach part of the network right now. Try again in a moment.'; break;
    case 'INTERNAL_ERROR': sentence = 'Something went wrong on the server. Try again.'; break;
    case 'CONNECTION_FAILED': sentence = 'The server cannot be reached. Check your connection and try again.'; break;
    case 'CONNECT_TIMEOUT': sentence = 'The server did not answer. Check your connection and try again.'; break;
    case 'NOT_CONNECTED': sentence = 'This page is not connected to the server. Reload it to connect again.'; break;
    case 'DISCONNECTED': sentence = 'The connection to the server was lost. Try again in a moment.'; break;
    case 'RESUMED_ELSEWHERE': sentence = 'This session went on in another tab or window.'; break;
    case 'LEFT': sentence = 'You left the network.'; break;
    default:
      // MALFORMED_JSON, INVALID_FRAME, FRAME_TOO_LARGE, UNKNOWN_EVENT, INVALID_REQUEST_ID, MISSING_FIELD,
      // INVALID_FIELD_TYPE, INVALID_FIELD_VALUE, FRAME_TOO_COMPLEX, and codes newer than this page: the page's fault.
      sentence = `The server could not accept what this page sent (${code || 'unknown error'}). Reload the page and try again.`;
  }
  return context.action === 'send' && context.fileName ? `${context.fileName} was not sent. ${sentence}` : sentence;
}

// ---- how transfers end ----

const NO_PATH_HINT = 'Devices on a guest Wi-Fi, or on different networks, often cannot reach each other: try again with'
  + ' both on the same Wi-Fi, or ask whoever runs this server to add a TURN server.';

/**
 * Why a transfer failed (its reasonCode, the same on both sides), as a sentence for the person in front of this
 * page: what happened, and what to do. Never the exception text behind it, which goes to the console.
 */
function failureSentence(t) {
  const peer = t.peerName || 'the other person';
  const device = t.peerName ? `${t.peerName}’s device` : 'the other device';
  const again = t.direction === 'out' ? ' Send the file again.' : ` Ask ${peer} to send it again.`;
  switch (t.reasonCode) {
    case 'connection-timeout':
      return `Could not connect to ${device} within ${Math.round(client.options.connectionTimeoutMs / 1000)} s. ${NO_PATH_HINT}`;
    case 'connection-failed': return `The direct connection to ${device} failed. ${NO_PATH_HINT}`;
    case 'no-webrtc': return 'One of the two browsers cannot connect directly to other devices (WebRTC is turned off or'
      + ' missing). Try another browser.';
    case 'signaling-failed': return `The connection to ${device} could not be set up.${again}`;
    case 'send-failed':
    case 'receive-failed': return `The connection to ${device} broke during the transfer.${again}`;
    case 'damaged': return `The file arrived damaged, so it was thrown away.${again}`;
    case 'oversent': return `More data arrived than ${peer} announced, so the file was thrown away.${again}`;
    case 'page-reloaded': return t.restored ? 'This page was reloaded during the transfer, so it stopped.'
      : `${peer}’s page was reloaded during the transfer, so it stopped.${again}`;
    case 'server-lost': return `The connection to the server was lost for too long, so the transfer stopped.${again}`;
    case 'peer-left': return `${peer} left, so the transfer stopped.`;
    case 'no-answer': return `${peer} did not answer in time.`;
    default: return `The transfer could not go on.${again}`;
  }
}

/** How a cancelled or declined transfer ended, in words: who did it, and their reason if they gave one. */
function endedSentence(t) {
  const who = t.reasonCode === 'by-you' ? 'you' : (t.peerName || 'the other person');
  const what = t.state === 'rejected' ? 'Declined' : 'Cancelled';
  return `${what} by ${who}${t.reason ? `: “${t.reason}”` : ''}`;
}

// ---- toasts ----

function button(label, className, onClick) {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** Where focus goes when the element that had it disappears with a toast or a view. */
function focusSomewhereSensible(transferId) {
  const row = transferId && transferRows.get(transferId);
  if (row) {
    const control = row.querySelector('.actions button, .actions a');
    (control || row).focus();
  } else if (!$('app-view').hidden) {
    $('network-heading').focus();
  } else {
    $('join-title').focus();
  }
}

function dismissToast(node) {
  if (!node.isConnected) return;
  clearTimeout(node.timer);
  const hadFocus = node.contains(document.activeElement);
  node.remove();
  if (node.dataset.transferId) requestToasts.delete(node.dataset.transferId);
  if (hadFocus) focusSomewhereSensible(node.dataset.transferId);
}

/**
 * Shows a message in the corner: errors are announced at once (role=alert), news politely (role=status). It goes
 * away by itself after a while (not while the pointer or focus is on it), or stays with `persist`; × closes it.
 */
function toast(message, kind = 'error', { persist = false, actions = [] } = {}) {
  const region = $(kind === 'error' ? 'toast-alerts' : 'toast-news');
  if (!persist && actions.length === 0) {
    // The same words again: one toast that says how many times, its clock started over.
    const same = [...region.children].find((n) => n.dataset.message === message && n.timer !== undefined);
    if (same) {
      same.repeats = (same.repeats || 1) + 1;
      same.querySelector('.toast-count').textContent = `×${same.repeats}`;
      same.restart();
      return same;
    }
  }
  const node = el('div', `toast ${kind}`);
  node.dataset.message = message;
  const body = el('div', 'toast-body');
  const text = el('p', 'toast-text', message);
  text.append(el('span', 'toast-count'));
  body.append(text);
  if (actions.length) {
    const bar = el('div', 'toast-actions');
    bar.append(...actions);
    body.append(bar);
  }
  const close = button('×', 'toast-close', () => dismissToast(node));
  close.setAttribute('aria-label', 'Dismiss');
  close.title = 'Dismiss';
  node.append(body, close);
  region.append(node);
  if (!persist) {
    let remaining = kind === 'error' ? ERROR_TOAST_MS : INFO_TOAST_MS;
    let startedAt = Date.now();
    const start = () => {
      startedAt = Date.now();
      node.timer = setTimeout(() => dismissToast(node), remaining);
    };
    const pause = () => {
      if (node.paused) return;
      node.paused = true;
      clearTimeout(node.timer);
      remaining = Math.max(remaining - (Date.now() - startedAt), 0);
    };
    const resume = () => {
      if (!node.paused || node.matches(':hover') || node.contains(document.activeElement)) return;
      node.paused = false;
      remaining = Math.max(remaining, 2000);
      start();
    };
    node.addEventListener('mouseenter', pause);
    node.addEventListener('focusin', pause);
    node.addEventListener('mouseleave', resume);
    node.addEventListener('focusout', () => setTimeout(resume, 0));
    node.restart = () => {
      clearTimeout(node.timer);
      remaining = kind === 'error' ? ERROR_TOAST_MS : INFO_TOAST_MS;
      if (!node.paused) start();
    };
    start();
  }
  return node;
}

// On a narrow screen the toasts sit along the bottom: the page gets room to scroll its last controls above them.
const narrow = window.matchMedia('(max-width: 760px)');
new ResizeObserver(() => {
  document.body.style.paddingBottom = narrow.matches && $('toasts').offsetHeight > 0 ? `${$('toasts').offsetHeight + 16}px` : '';
}).observe($('toasts'));

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** The network without a name is everyone behind the same public address. */
function networkLabel(name) {
  return name ? name : LOCAL_NETWORK_LABEL;
}

function showApp(networkName) {
  editing = false;
  $('network-prefix').hidden = !networkName;
  $('network-label').textContent = networkLabel(networkName);
  $('network-label-2').textContent = networkLabel(networkName);
  $('no-peers-network').hidden = !networkName; // the network of this Wi-Fi is where a fresh page goes by itself
  $('app-title').textContent = `PeerShare: ${networkLabel(networkName)}`;
  $('join-view').hidden = true;
  $('app-view').hidden = false;
}

function showJoin() {
  $('app-view').hidden = true;
  $('join-view').hidden = false;
  $('reconnect-banner').hidden = true;
  $('join-cancel').hidden = !client.selfId;
  $('join-button').textContent = client.selfId ? 'Save' : 'Join';
}

/** Whether the person has the name and network form open: a join finishing meanwhile does not close it. */
let editing = false;

function editChoice() {
  editing = true;
  restoreJoinForm();
  clearJoinErrors();
  showJoin();
  $('join-title').focus();
}

// ---- who you are ----

const ADJECTIVES = ['Amber', 'Brave', 'Calm', 'Clever', 'Coral', 'Swift', 'Gentle', 'Golden', 'Happy', 'Jolly',
  'Lucky', 'Mellow', 'Misty', 'Quiet', 'Rapid', 'Silver', 'Sunny', 'Tidy', 'Witty', 'Bold', 'Kind', 'Merry',
  'Polite', 'Proud'];
const ANIMALS = ['Badger', 'Beaver', 'Crane', 'Dolphin', 'Falcon', 'Fox', 'Gecko', 'Heron', 'Koala', 'Lynx',
  'Marten', 'Otter', 'Owl', 'Panda', 'Puffin', 'Quail', 'Robin', 'Seal', 'Sparrow', 'Tiger', 'Walrus', 'Wolf',
  'Yak', 'Zebra'];

/** A name that needs no typing, such as "Amber Fox": the first run joins with it, and it can be changed. */
function generatedName() {
  const pick = (words) => words[crypto.getRandomValues(new Uint32Array(1))[0] % words.length];
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

/** What this browser chose last time ({networkName, userName, autoJoin}), or a fresh generated name. */
function savedChoice() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    if (saved && typeof saved.userName === 'string' && saved.userName) {
      return { networkName: saved.networkName || '', userName: saved.userName, autoJoin: saved.autoJoin !== false };
    }
  } catch { /* nothing saved */ }
  freshName = freshName || generatedName();
  return { networkName: '', userName: freshName, autoJoin: true };
}

/** This page's generated name, once made: the form and the first join show the same. */
let freshName = null;

function saveChoice(choice) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(choice)); } catch { /* storage off: asked again next time */ }
}

/** The first character as people see it, for an avatar. */
function initial(name) {
  const first = graphemes ? graphemes.segment(name)[Symbol.iterator]().next().value : null;
  return (first ? first.segment : [...name][0] || '?').toUpperCase();
}

/** A colour of its own for each peer, so that two Alexes do not look alike. */
function avatarHue(peerId) {
  let hash = 0;
  for (const c of peerId || '') hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return hash % 360;
}

function avatar(name, peerId, deviceType, small = false) {
  const node = el('span', `avatar ${small ? 'small ' : ''}${deviceType || ''}`, initial(name));
  node.style.setProperty('--hue', String(avatarHue(peerId)));
  node.append(el('span', `device-icon ${DEVICE_ICONS[deviceType] ? deviceType : 'computer'}`));
  node.setAttribute('aria-hidden', 'true');
  return node;
}

const DEVICE_ICONS = { computer: true, phone: true, tablet: true };
const DEVICE_NAMES = { computer: 'Computer', phone: 'Phone', tablet: 'Tablet' };

function showMe() {
  const me = $('me-button');
  me.hidden = !client.selfId;
  if (!client.selfId) return;
  $('me-name').textContent = client.userName;
  $('me-avatar').replaceWith(Object.assign(avatar(client.userName, client.selfId, client.session.deviceType, true),
    { id: 'me-avatar' }));
}

// ---- joining ----

const describedByAtStart = new Map();

/** Shows (or with no message clears) what is wrong with a field, next to it and in its description. */
function showFieldError(inputId, message) {
  const input = $(inputId);
  const error = $(`${inputId}-error`);
  if (!describedByAtStart.has(inputId)) describedByAtStart.set(inputId, input.getAttribute('aria-describedby') || '');
  error.textContent = message || '';
  error.hidden = !message;
  const describedBy = [message ? error.id : '', describedByAtStart.get(inputId)].filter(Boolean).join(' ');
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  else input.removeAttribute('aria-describedby');
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function showJoinError(message) {
  $('join-error').textContent = message || '';
  $('join-error').hidden = !message;
}

function clearJoinErrors() {
  showFieldError('network-name', null);
  showFieldError('user-name', null);
  showJoinError(null);
}

function restoreJoinForm() {
  const saved = client.selfId ? { networkName: client.networkName || '', userName: client.userName } : savedChoice();
  $('network-name').value = saved.networkName || '';
  $('user-name').value = saved.userName;
  $(saved.networkName ? 'network-mode-named' : 'network-mode-local').checked = true;
  $('user-name-max').textContent = String(limitsNow().maxUserNameLength);
}

function chosenNetwork() {
  return $('network-mode-named').checked ? $('network-name').value.trim() : '';
}

/** What is wrong with the form, field by field, in the order of the form. */
function joinFormProblems() {
  const limits = limitsNow();
  const problems = [];
  if ($('network-mode-named').checked) {
    const networkName = $('network-name').value.trim();
    if (!networkName) {
      problems.push({ input: 'network-name', message: emptySentence('networkName') });
    } else if (countChars(networkName) > limits.maxNetworkNameLength) {
      problems.push({ input: 'network-name', message: tooLongSentence('networkName', { length: countChars(networkName) }, limits) });
    }
  }
  const userName = $('user-name').value.trim();
  if (!userName) {
    problems.push({ input: 'user-name', message: emptySentence('userName') });
  } else if (countChars(userName) > limits.maxUserNameLength) {
    problems.push({ input: 'user-name', message: tooLongSentence('userName', { length: countChars(userName) }, limits) });
  }
  return problems;
}

const FIELD_INPUTS = { userName: 'user-name', networkName: 'network-name' };

async function join(event) {
  event.preventDefault();
  clearJoinErrors();
  const problems = joinFormProblems();
  if (problems.length > 0) {
    for (const p of problems) showFieldError(p.input, p.message);
    $(problems[0].input).focus();
    return;
  }
  const networkName = chosenNetwork();
  const userName = $('user-name').value.trim();
  saveChoice({ networkName, userName, autoJoin: true });
  $('join-button').disabled = true;
  $('join-button').setAttribute('aria-busy', 'true');
  try {
    if (client.state !== 'connected') {
      await client.connect();
    }
    await client.join(networkName, userName);
    showApp(client.networkName);
    $('network-heading').focus();
  } catch (e) {
    const input = e.details && FIELD_INPUTS[e.details.field];
    if (input && (e.code === 'FIELD_TOO_LONG' || e.code === 'EMPTY_FIELD')) {
      const typed = $(input).value.trim();
      showFieldError(input, describeError(e, { length: countChars(typed) }));
      $(input).focus();
    } else {
      showJoinError(describeError(e, { action: 'join' }));
    }
    if (client.state !== 'connected') setStatus('offline', 'Offline');
  } finally {
    $('join-button').disabled = false;
    $('join-button').removeAttribute('aria-busy');
  }
}

function leave() {
  // Left on purpose: the next visit asks rather than joining by itself.
  saveChoice({ ...savedChoice(), autoJoin: false });
  client.leave();
  showMe();
  $('messages').replaceChildren();
  showJoin();
  $('join-title').focus();
  if (client.state === 'connected') setStatus('online', 'Not in a network');
}

/**
 * The first run needs no typing: the page joins the network of this Wi-Fi (or what was chosen last time) with the
 * remembered name, or a generated one, which the person can change from the header.
 */
async function joinByItself() {
  const choice = savedChoice();
  saveChoice(choice);
  showApp(choice.networkName);
  try {
    await client.connect();
    await client.join(choice.networkName, choice.userName);
  } catch (e) {
    editChoice();
    showJoinError(describeError(e, { action: 'join' }));
  }
}

// ---- peers ----

function renderPeers(peers) {
  const list = $('peer-list');
  // Keep focus on the "Send file" of the same person when the list is redrawn.
  const focusedPeer = list.contains(document.activeElement)
    ? document.activeElement.closest('.peer') && document.activeElement.closest('.peer').dataset.peerId : null;
  list.replaceChildren();
  $('no-peers').hidden = peers.length > 0;
  $('peer-hint').hidden = peers.length === 0;
  // Names that collide are told apart by a short tag of their peer id (and their avatar's colour).
  const named = new Map();
  for (const name of [...peers.map((p) => p.userName), client.userName]) named.set(name, (named.get(name) || 0) + 1);
  for (const peer of peers) {
    const item = el('li', peer.away ? 'peer away' : 'peer');
    item.dataset.peerId = peer.peerId;
    item.append(avatar(peer.userName, peer.peerId, peer.deviceType));
    const who = el('div', 'who');
    const device = DEVICE_NAMES[peer.deviceType] || 'Device';
    const tag = named.get(peer.userName) > 1 ? ` · #${peer.peerId.slice(0, 4)}` : '';
    who.append(el('span', 'name', peer.userName),
      el('span', 'device', peer.away ? `${device}${tag} · reconnecting…` : `${device}${tag}`));
    let give = null;
    if (sharedFiles.length && !peer.away) {
      give = button(`Send ${sharedFiles.length === 1 ? 'it' : 'them'}`, 'primary send-shared', () => {
        for (const file of sharedFiles) sendFile(peer, file);
        clearShared();
      });
      give.setAttribute('aria-label', `Send the shared ${sharedFiles.length === 1 ? 'file' : 'files'} to ${peer.userName}`);
    }
    const picker = el('label', 'button send-file', peer.away ? 'Away' : 'Send file');
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.className = 'file-input';
    // Someone whose page went away may be back in a moment, or never: nothing is offered until they are back.
    input.disabled = Boolean(peer.away);
    if (peer.away) picker.classList.add('disabled');
    input.setAttribute('aria-label', peer.away ? `${peer.userName} is away` : `Send file to ${peer.userName}`);
    input.addEventListener('change', () => {
      for (const file of input.files) sendFile(peer, file);
      input.value = '';
    });
    picker.append(input);
    item.append(who, ...(give ? [give] : []), picker);
    item.addEventListener('dragover', (e) => { e.preventDefault(); item.classList.add('drop'); });
    item.addEventListener('dragleave', () => item.classList.remove('drop'));
    item.addEventListener('drop', (e) => {
      e.preventDefault();
      item.classList.remove('drop');
      if (!peer.away) for (const file of e.dataTransfer.files) sendFile(peer, file);
    });
    list.append(item);
    if (peer.peerId === focusedPeer) input.focus();
  }
}

/** For the tests: turns off the page's own size check, so that the server's refusal shows. */
const pageOptions = { checkBeforeSending: true };

async function sendFile(peer, file) {
  const context = { action: 'send', fileName: file.name, fileSize: file.size, peerName: peer.userName };
  const limits = limitsNow();
  if (pageOptions.checkBeforeSending) {
    // The server checks too; checking here says it at once and without a round trip.
    if (typeof limits.maxFileSize === 'number' && file.size > limits.maxFileSize) {
      toast(describeError({ code: 'FILE_TOO_LARGE' }, context, limits));
      return;
    }
    if (countChars(file.name) > limits.maxFileNameLength) {
      toast(describeError({ code: 'FIELD_TOO_LONG', details: { field: 'fileName' } }, context, limits));
      return;
    }
  }
  try {
    await client.sendFile(peer.peerId, file);
  } catch (e) {
    toast(describeError(e, context));
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
  row.tabIndex = -1;
  row.dataset.transferId = t.id;
  row.dataset.direction = t.direction;
  const head = el('div', 'transfer-head');
  const title = el('div', 'title');
  const meta = el('span', 'meta', `${t.direction === 'out' ? 'to' : 'from'} ${t.peerName} · `);
  meta.append(el('span', 'size', formatSize(t.fileSize)));
  title.append(el('span', 'file-name', t.fileName), meta);
  const actions = el('div', 'actions');
  const arrow = el('span', `arrow ${t.direction}`, t.direction === 'out' ? '↑' : '↓');
  arrow.setAttribute('aria-hidden', 'true');
  head.append(arrow, title, actions);
  const bar = el('div', 'bar');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-label', `${t.direction === 'out' ? 'Sending' : 'Receiving'} ${t.fileName}`);
  bar.append(el('div', 'fill'));
  row.append(head, bar, el('div', 'state'));
  $('transfer-list').prepend(row);
  transferRows.set(t.id, row);
  $('no-transfers').hidden = true;
  return row;
}

/** Follows the bytes of a transfer over time; returns what to say about its pace. */
function pace(t) {
  const now = performance.now();
  let clock = transferClocks.get(t.id);
  if (!clock) {
    clock = { startedAt: null, startBytes: 0, samples: [], speed: null, speedAt: 0, endedAt: null };
    transferClocks.set(t.id, clock);
  }
  if (t.state === 'accepted' && t.bytes > 0) {
    if (clock.startedAt === null) {
      clock.startedAt = now;
      clock.startBytes = t.bytes;
    }
    const last = clock.samples[clock.samples.length - 1];
    if (!last || last[1] !== t.bytes) clock.samples.push([now, t.bytes]);
    while (clock.samples.length > 2 && now - clock.samples[1][0] >= SPEED_WINDOW_MS) clock.samples.shift();
    if (now - clock.speedAt >= SPEED_REFRESH_MS) {
      const [firstAt, firstBytes] = clock.samples[0];
      if (now - firstAt >= SPEED_MIN_SPAN_MS) {
        clock.speed = ((t.bytes - firstBytes) / (now - firstAt)) * 1000;
        clock.speedAt = now;
      }
    }
    if (clock.speed === null) return { live: null };
    const left = clock.speed > 0 ? ((t.fileSize - t.bytes) / clock.speed) * 1000 : null;
    return { live: formatSpeed(clock.speed), left: left === null ? null : formatDuration(left) };
  }
  if (t.state === 'completed') {
    if (clock.endedAt === null) clock.endedAt = now;
    if (clock.startedAt === null) return {};
    const took = clock.endedAt - clock.startedAt;
    if (took < AVERAGE_MIN_MS) return {};
    return { took: formatDuration(took), average: formatSpeed(((t.fileSize - clock.startBytes) / took) * 1000) };
  }
  return {};
}

function transferStateText(t, percent, p) {
  const parts = [STATE_LABELS[t.state] || t.state];
  if (t.state === 'pending') {
    parts[0] = t.direction === 'in' ? 'Waiting for your answer' : `Waiting for ${t.peerName || 'the other person'} to accept`;
  } else if (t.state === 'accepted' && t.phase !== 'transferring') {
    parts[0] = t.restored ? 'Interrupted by the reload' : `Connecting to ${t.peerName ? `${t.peerName}’s` : 'the other'} device…`;
  } else if (t.state === 'accepted') {
    parts.push(`${percent}%`);
    if (p.live) parts.push(p.live);
    if (p.live && p.left) parts.push(`about ${p.left} left`);
  } else if (t.state === 'completed' && p.average) {
    parts.push(`${formatSize(t.fileSize)} in ${p.took}`, p.average);
  } else if (t.state === 'completed' && t.restored && t.direction === 'in') {
    parts.push('received before this page was reloaded');
  } else if (t.state === 'failed') {
    parts.push(failureSentence(t));
  } else if (t.state === 'cancelled' || t.state === 'rejected') {
    parts[0] = endedSentence(t);
  }
  return parts.join(' · ');
}

function renderTransfer(t) {
  const row = transferRow(t);
  row.dataset.state = t.state;
  const percent = t.fileSize === 0 ? (t.state === 'completed' ? 100 : 0)
    : Math.min(100, Math.floor((t.bytes / t.fileSize) * 100));
  const shown = t.state === 'completed' ? 100 : percent;
  row.querySelector('.fill').style.width = `${shown}%`;
  const text = transferStateText(t, percent, pace(t));
  row.querySelector('.state').textContent = text;
  const bar = row.querySelector('.bar');
  bar.setAttribute('aria-valuenow', String(shown));
  bar.setAttribute('aria-valuetext', text);
  if (t.state !== 'pending') {
    const request = requestToasts.get(t.id);
    if (request) dismissToast(request);
  }
  const actions = row.querySelector('.actions');
  const hadFocus = actions.contains(document.activeElement);
  const wanted = t.direction === 'in' && t.state === 'pending' ? 'answer'
    : !t.done ? 'cancel' : t.direction === 'in' && t.state === 'completed' && t.blob ? 'save'
      : t.direction === 'out' && t.state === 'failed' && t.file && client.peers.has(t.peerId) ? 'retry' : 'none';
  if (actions.dataset.shows === wanted) return; // progress only: leave the buttons (and focus) alone
  actions.dataset.shows = wanted;
  actions.replaceChildren();
  if (wanted === 'answer') {
    actions.append(
      withLabel(button('Accept', 'primary accept', () => answer(t, 'accept')), `Accept ${t.fileName}`),
      withLabel(button('Decline', 'ghost reject', () => answer(t, 'reject')), `Decline ${t.fileName}`));
  } else if (wanted === 'cancel') {
    actions.append(withLabel(button('Cancel', 'ghost cancel',
      () => client.cancel(t.id).catch((e) => toast(describeError(e)))), `Cancel ${t.fileName}`));
  } else if (wanted === 'retry') {
    actions.append(withLabel(button('Send again', 'primary retry', () => {
      const peer = client.peers.get(t.peerId);
      if (peer) sendFile(peer, t.file);
      else toast(describeError({ code: 'PEER_NOT_FOUND' }, { peerName: t.peerName }));
    }), `Send ${t.fileName} again`));
  } else if (wanted === 'save') {
    const link = el('a', 'button primary download', 'Save');
    link.href = URL.createObjectURL(t.blob);
    link.download = t.fileName;
    actions.append(withLabel(link, `Save ${t.fileName}`));
  }
  if (hadFocus) {
    // The button that had focus went with the state it belonged to: keep focus in the row.
    (actions.querySelector('button, a') || row).focus();
  }
}

function withLabel(node, label) {
  node.setAttribute('aria-label', label);
  return node;
}

function answer(t, how) {
  const done = how === 'accept' ? client.accept(t.id) : client.reject(t.id);
  done.catch((e) => toast(describeError(e, { fileName: t.fileName, peerName: t.peerName })));
}

function showTransferRequest(t) {
  const node = toast(`${t.peerName} wants to send you ${t.fileName} (${formatSize(t.fileSize)}).`, 'info', {
    persist: true,
    actions: [
      withLabel(button('Accept', 'primary toast-accept', () => answer(t, 'accept')), `Accept ${t.fileName}`),
      withLabel(button('Decline', 'ghost toast-decline', () => answer(t, 'reject')), `Decline ${t.fileName}`),
    ],
  });
  node.dataset.transferId = t.id;
  requestToasts.set(t.id, node);
}

// ---- chat ----

function renderMessage(m) {
  const item = el('li', `message ${m.type}${client.isOwn(m.peerId) ? ' mine' : ''}`);
  if (m.id !== undefined) item.dataset.messageId = m.id;
  if (m.type === 'user') {
    const head = el('div', 'message-head');
    const at = new Date(m.timestamp);
    const time = el('time', 'time', at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    if (!Number.isNaN(at.getTime())) time.dateTime = at.toISOString();
    head.append(el('span', 'author', m.userName), time);
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
  const length = countChars(text);
  if (length > limitsNow().maxMessageLength) {
    // Said, not cut: the text stays for the person to shorten.
    toast(describeError({ code: 'FIELD_TOO_LONG', details: { field: 'text' } }, { length }));
    return;
  }
  input.value = '';
  try {
    await client.sendMessage(text);
  } catch (e) {
    toast(describeError(e, { action: 'chat', field: 'text', length: countChars(text) }));
    input.value = text;
  }
}

// ---- the link for another device ----

/** The address a phone on this Wi-Fi can open: the server's own list (GET api/links), else this page's. */
async function pageLink() {
  try {
    const answer = await fetch(`${pageFolder}api/links`, { headers: { Accept: 'application/json' } });
    if (answer.ok) {
      const { urls } = await answer.json();
      const usable = Array.isArray(urls) ? urls.filter((u) => typeof u === 'string' && /^https?:\/\//.test(u)) : [];
      if (usable.length) return usable[0];
    }
  } catch { /* an older server, or none: this page's own address */ }
  return `${location.origin}${pageFolder}`;
}

async function showLink() {
  const url = await pageLink();
  const svg = renderSVG(url, { ecc: 'M', border: 2 });
  $('link-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  $('link-qr').alt = `QR code of ${url}`;
  $('link-url').textContent = url;
  $('link-dialog').showModal();
}

// ---- files from the system's share menu ----

/** Files shared to the page (sw.js kept them), waiting for the person to pick who gets them. */
let sharedFiles = [];

async function takeSharedFiles() {
  const count = Number(new URLSearchParams(location.search).get('shared'));
  if (!count || !('caches' in window)) return;
  history.replaceState(null, '', location.pathname); // a reload does not offer them again
  try {
    const cache = await caches.open('peershare-shared');
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const blob = await response.blob();
      sharedFiles.push(new File([blob], decodeURIComponent(response.headers.get('x-file-name') || 'shared file'),
        { type: blob.type }));
      await cache.delete(request);
    }
  } catch (e) {
    console.warn('PeerShare: the shared files could not be read:', e);
  }
  if (!sharedFiles.length) return;
  $('shared-text').textContent = sharedFiles.length === 1
    ? `${sharedFiles[0].name} is ready to send: pick who gets it.`
    : `${sharedFiles.length} files are ready to send: pick who gets them.`;
  $('shared-files').hidden = false;
  renderPeers([...client.peers.values()]);
}

function clearShared() {
  sharedFiles = [];
  $('shared-files').hidden = true;
  renderPeers([...client.peers.values()]);
}

// ---- wiring ----

client.addEventListener('peers', (e) => renderPeers(e.detail.peers));
client.addEventListener('history', (e) => {
  $('messages').replaceChildren();
  e.detail.messages.forEach(renderMessage);
});
client.addEventListener('message', (e) => renderMessage(e.detail));
client.addEventListener('transfer-update', (e) => renderTransfer(e.detail.transfer));
client.addEventListener('transfer-request', (e) => showTransferRequest(e.detail.transfer));
client.addEventListener('server-error', (e) => {
  const { error } = e.detail;
  // Errors answering one of our requests are shown where the request was made; show the rest here. A peer that
  // is away is already shown as reconnecting, and its transfer signals are sent again when it is back.
  if (!error.details.requestId && error.code !== 'PEER_AWAY') toast(describeError(error));
});
client.addEventListener('joined', (e) => {
  const joined = e.detail;
  if (joined.limits) {
    try { localStorage.setItem(LIMITS_KEY, JSON.stringify(joined.limits)); } catch { /* storage full or off */ }
    if (joined.limits.maxUserNameLength) $('user-name-max').textContent = String(joined.limits.maxUserNameLength);
  }
  showMe();
  // A join that finishes while the person has the form open (the first run's, say) leaves the form open.
  if (!editing) showApp(joined.networkName);
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
  $('chat-send').disabled = state === 'reconnecting';
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
    const wasInApp = !$('app-view').hidden;
    showJoin();
    toast(describeError(error));
    if (wasInApp && $('app-view').contains(document.activeElement)) $('join-title').focus();
  }
});
client.addEventListener('joined', () => setStatus('online', `Online as ${client.userName}`));

$('join-form').addEventListener('submit', join);
$('me-button').addEventListener('click', editChoice);
$('join-cancel').addEventListener('click', () => {
  showApp(client.networkName);
  $('me-button').focus();
});
$('link-button').addEventListener('click', showLink);
$('shared-clear').addEventListener('click', clearShared);
$('chat-form').addEventListener('submit', sendChat);
$('leave-button').addEventListener('click', leave);
$('network-name').addEventListener('focus', () => { $('network-mode-named').checked = true; });
$('network-name').addEventListener('input', () => {
  $('network-mode-named').checked = true;
  showFieldError('network-name', null);
});
$('user-name').addEventListener('input', () => showFieldError('user-name', null));
$('network-mode-local').addEventListener('change', () => showFieldError('network-name', null));
restoreJoinForm();

// For the tests and the console: the page's wording and its switches.
window.peersharePage = {
  formatSize, formatSpeed, describeError, failureSentence, endedSentence, failureCodes: FAILURE_CODES, options: pageOptions,
};

// Transfers from before a reload: shown as they were, settled once the session is back.
for (const t of client.transfers.values()) renderTransfer(t);

// Leaving with a transfer under way ends it for both sides: the browser asks first.
window.addEventListener('beforeunload', (e) => {
  const going = [...client.transfers.values()].some((t) => !t.done && !t.restored
    && (t.state === 'accepted' || t.direction === 'out'));
  if (going) {
    e.preventDefault();
    e.returnValue = '';
  }
});

if (client.hasSession) {
  // This tab had joined before the reload: come back without asking.
  const { networkName, userName } = client.savedSession;
  $('network-name').value = networkName || $('network-name').value;
  $('user-name').value = userName;
  showApp(networkName);
  client.resume().catch(() => { /* shown by the connection event */ });
} else if (savedChoice().autoJoin) {
  joinByItself();
} else {
  showJoin();
  setStatus('offline', 'Not in a network');
}

// Installable, and a target of the system's share menu where the browser allows (a secure context): the service
// worker only takes files shared to the page (see sw.js).
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('PeerShare: no service worker:', e));
}
takeSharedFiles();
