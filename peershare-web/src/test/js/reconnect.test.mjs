// The browser client's wait before reconnecting (peershare-client.js), run by ClientScriptTest with `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconnectDelayMs } from '../../main/resources/META-INF/resources/peershare/peershare-client.js';

/** The delays of `pages` pages that all got the same close, with Math.random. */
function firstAttempts(pages, closeCode, closeReason = '') {
  return Array.from({ length: pages }, () => reconnectDelayMs({ attempt: 0, closeCode, closeReason }));
}

test('a node that stops, restarts or dies does not get its pages back as one burst', () => {
  for (const code of [1001, 1006, 1012]) {
    const delays = firstAttempts(10000, code);
    assert.ok(delays.every((d) => d >= 0 && d < 2000), `within the 2 s spread after ${code}`);
    // Spread evenly: each of the four half-second slices gets about a quarter of the pages.
    for (let slice = 0; slice < 4; slice++) {
      const inSlice = delays.filter((d) => d >= slice * 500 && d < (slice + 1) * 500).length;
      assert.ok(inSlice > 2000 && inSlice < 3000, `${inSlice} of 10,000 pages in slice ${slice} after ${code}`);
    }
  }
});

test('after 1013 the pages wait the seconds the server named, then spread', () => {
  const delays = firstAttempts(1000, 1013, 'your address is cooling down after repeated abuse: try again in 42 s');
  assert.ok(delays.every((d) => d >= 42000 && d < 44000), 'after 42 s, within the spread');
  const unnamed = firstAttempts(1000, 1013, 'too many new connections from your address: try again in a few seconds');
  assert.ok(unnamed.every((d) => d >= 0 && d < 2000));
});

test('a drop of one page (a phone changing networks) retries quickly, then backs off with full jitter', () => {
  const first = firstAttempts(1000, 4000); // heartbeat timeout: this page's own trouble
  assert.ok(first.every((d) => d >= 0 && d < 500), 'within the base wait');
  assert.equal(reconnectDelayMs({ attempt: 3, closeCode: 1006, random: () => 0.999999 }), 3999);
  assert.equal(reconnectDelayMs({ attempt: 30, closeCode: 1006, random: () => 0.5 }), 5000, 'capped at 10 s');
  assert.equal(reconnectDelayMs({ attempt: 1, closeCode: 1001, random: () => 0.5 }), 500, 'later attempts back off');
});
