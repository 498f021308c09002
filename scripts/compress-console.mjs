// Writes brotli and gzip copies of the built console's assets next to them, so the node can send
// them compressed (@fastify/static `preCompressed`) without compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../dist/console/assets/', import.meta.url);
const COMPRESSIBLE = /\.(js|css|json|svg|map)$/;
let files = 0;
let before = 0;
let after = 0;
for (const name of readdirSync(root)) {
  const path = join(root.pathname, name);
  if (!COMPRESSIBLE.test(name) || !statSync(path).isFile()) continue;
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = gzipSync(data, { level: 9 });
  // A copy no smaller than the file is not worth a request header's negotiation.
  if (br.length < data.length) writeFileSync(`${path}.br`, br);
  if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
  files++;
  before += data.length;
  after += Math.min(br.length, data.length);
}
console.log(`console assets: ${files} files, ${(before / 1024).toFixed(1)} KiB, ${(after / 1024).toFixed(1)} KiB with brotli`);
