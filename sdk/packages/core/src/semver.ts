/**
 * Strict Semantic Versioning 2.0.0 (docs/evaluation.md): no `v`, no missing parts, no leading
 * zeros, at most 256 characters, precedence per semver.org §11. Numbers stay digit strings, so
 * parts beyond 2^53 still compare exactly (longer is larger, as there are no leading zeros).
 */
export interface Semver {
  core: [string, string, string];
  pre: string[];
}

const NUMERIC = /^[0-9]+$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

const leadingZero = (s: string) => s.length > 1 && s[0] === '0';

function validIdentifiers(dotted: string, prerelease: boolean): boolean {
  for (const id of dotted.split('.')) {
    if (!IDENTIFIER.test(id)) return false;
    if (prerelease && NUMERIC.test(id) && leadingZero(id)) return false;
  }
  return true;
}

export function parseSemver(text: unknown): Semver | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 256) return null;
  const plus = text.indexOf('+');
  const withoutBuild = plus < 0 ? text : text.slice(0, plus);
  if (plus >= 0 && !validIdentifiers(text.slice(plus + 1), false)) return null;
  const dash = withoutBuild.indexOf('-');
  const core = dash < 0 ? withoutBuild : withoutBuild.slice(0, dash);
  let pre: string[] = [];
  if (dash >= 0) {
    const p = withoutBuild.slice(dash + 1);
    if (!validIdentifiers(p, true)) return null;
    pre = p.split('.');
  }
  const parts = core.split('.');
  if (parts.length !== 3) return null;
  for (const part of parts) if (!NUMERIC.test(part) || leadingZero(part) || part.length > 18) return null;
  return { core: parts as [string, string, string], pre };
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
const digits = (a: string, b: string) => (a.length !== b.length ? cmp(a.length, b.length) : cmp(a, b));

function identifier(a: string, b: string): number {
  const na = NUMERIC.test(a);
  const nb = NUMERIC.test(b);
  if (na && nb) return digits(a, b);
  if (na !== nb) return na ? -1 : 1;
  return cmp(a, b); // UTF-16 order equals ASCII order for these characters, as in Java's compareTo
}

export function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    const c = digits(a.core[i], b.core[i]);
    if (c) return c;
  }
  if (!a.pre.length || !b.pre.length) return cmp(+!a.pre.length, +!b.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = identifier(a.pre[i], b.pre[i]);
    if (c) return c;
  }
  return cmp(a.pre.length, b.pre.length);
}
