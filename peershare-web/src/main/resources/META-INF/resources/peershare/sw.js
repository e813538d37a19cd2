// PeerShare's service worker. It does one thing: it takes files shared to the page from the system's share menu
// (the web app manifest's share_target posts them to ./share-target), keeps them in a cache for the page, and sends
// the browser on to the page, which asks who gets them. Nothing else passes through it: no page is cached, so a new
// version of the page is always the one served.
const SHARED = 'peershare-shared';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || !url.pathname.endsWith('/share-target')) return;
  event.respondWith((async () => {
    const page = url.pathname.slice(0, url.pathname.length - 'share-target'.length);
    let count = 0;
    try {
      const form = await event.request.formData();
      const cache = await caches.open(SHARED);
      for (const old of await cache.keys()) await cache.delete(old);
      for (const file of form.getAll('files')) {
        if (!(file instanceof File)) continue;
        await cache.put(`${page}shared/${count}`, new Response(file, {
          headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
        }));
        count += 1;
      }
    } catch (e) {
      console.warn('PeerShare: the shared files could not be kept:', e);
    }
    return Response.redirect(`${page}?shared=${count}`, 303);
  })());
});
