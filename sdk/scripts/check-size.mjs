// The size budget of issue 7: the browser bundle of @flagledger/core plus @flagledger/openfeature-web
// must stay at or below 15 kB minified and gzipped. Everything both packages export is bundled (no
// tree-shaking credit), the OpenFeature SDK itself is left out (the application already ships it).
// Exits non-zero above budget; `npm test` runs it.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const BUDGET = 15 * 1000;
const result = await build({
  stdin: {
    contents: "export * from '@flagledger/core'; export * from '@flagledger/openfeature-web';",
    resolveDir: process.cwd(),
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  external: ['@openfeature/*'],
  write: false,
});
const bytes = result.outputFiles[0].contents;
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`browser bundle (core + web provider): ${bytes.length} B minified, ${gzipped} B min+gzip (budget ${BUDGET} B)`);
if (gzipped > BUDGET) {
  console.error(`over the size budget by ${gzipped - BUDGET} B`);
  process.exit(1);
}
