// A minimal static server for dist/, used by the browser tests and the Lighthouse audit.
// `astro preview` allows one instance per machine, which collides with a reader's own `npm start`;
// this one binds only the port it is given, on loopback. Text is gzipped, as any static host does,
// so the audit measures what a reader would download. Not for production use.
// usage: node scripts/serve-dist.mjs [port]
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const port = Number(process.argv[2] ?? 4399);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** Map a URL path to a file in dist/, or null. Directory paths serve their index.html. */
function resolve(urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  let file = join(dist, path);
  if (!file.startsWith(dist)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : null;
}

const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml']);
const gzipped = new Map(); // file -> gzip bytes, compressed once per run

createServer((req, res) => {
  const file = resolve(req.url ?? '/');
  const status = file ? 200 : 404;
  const body = file ?? join(dist, '404.html');
  const headers = { 'content-type': types[extname(body)] ?? 'application/octet-stream', vary: 'accept-encoding' };
  if (compressible.has(extname(body)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    let bytes = gzipped.get(body);
    if (!bytes) gzipped.set(body, (bytes = gzipSync(readFileSync(body))));
    res.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  res.writeHead(status, headers);
  createReadStream(body).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving dist/ at http://127.0.0.1:${port}/`));
