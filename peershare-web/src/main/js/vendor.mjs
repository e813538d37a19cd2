// Copies the page's libraries from node_modules into the page's vendor folder, byte for byte, with their licences:
//   cd peershare-web/src/main/js && npm ci && npm run vendor
// The page imports them from there: nothing is loaded from elsewhere at run time. VENDORED is also read by
// VendoredLibrariesTest, which checks each copy against the package npm installs from the lock file.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'resources', 'META-INF', 'resources', 'peershare', 'vendor');

/** Folder in vendor/ → [package, [file in the package, name in the folder]...]. */
export const VENDORED = {
  // SHA-256 where WebCrypto is missing (a page on a plain-HTTP LAN address is not a secure context), and
  // incrementally everywhere, as chunks are read and received. Audited; sha2.js and what it imports.
  'noble-hashes': ['@noble/hashes', [['sha2.js', 'sha2.js'], ['_md.js', '_md.js'], ['_u64.js', '_u64.js'],
    ['utils.js', 'utils.js'], ['LICENSE', 'LICENSE']]],
  // QR codes of the page's link, as SVG (a port of Nayuki's QR Code generator).
  'uqr': ['uqr', [['dist/index.mjs', 'uqr.js'], ['LICENSE', 'LICENSE']]],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [folder, [pkg, files]] of Object.entries(VENDORED)) {
    mkdirSync(join(target, folder), { recursive: true });
    for (const [from, to] of files) copyFileSync(join(here, 'node_modules', pkg, from), join(target, folder, to));
  }
  console.log(`vendored into ${target}`);
}
