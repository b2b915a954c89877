// Runs `npm ci` only when node_modules was not installed from the current package-lock.json, so the
// Maven build works offline once dependencies are in place (same rule as admin-ui's script).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
const stamp = join(root, 'node_modules', '.flagledger-lock-sha256');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('ofrep-node: node_modules matches package-lock.json');
} else {
  console.log('ofrep-node: npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, hash + '\n');
}
