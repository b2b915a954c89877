// Builds one package twice with plain tsc: ES modules into dist/esm, CommonJS into dist/cjs, each with
// its own .d.ts and a package.json marking the module kind, so Node and bundlers pick the right one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const [kind, module, resolution, type] of [
  ['esm', 'ES2020', 'Bundler', 'module'],
  ['cjs', 'CommonJS', 'Node10', 'commonjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', `dist/${kind}`, '--module', module,
    '--moduleResolution', resolution], { stdio: 'inherit' });
  mkdirSync(`dist/${kind}`, { recursive: true });
  writeFileSync(`dist/${kind}/package.json`, JSON.stringify({ type }) + '\n');
}
