import { fail } from './json.js';

/**
 * The `matches` operator's regex engine: a small backtracking matcher over the syntax Java and
 * JavaScript share, with Java's meaning where they differ (`.`, `$`, `\s`, `\b`), and a work bound.
 *
 * Why not RegExp: JavaScript cannot stop a running RegExp, and `(a+)+$` on a hostile value runs for
 * ages. Here every character test spends one unit of a budget (docs/evaluation.md: at most 200 000
 * reads per match, the same number the Java engine counts); when it runs out the answer is "no
 * match", as in Java. Patterns outside the shared subset (lookbehind, named groups, possessive
 * quantifiers, class intersections, `\v`...) are refused, so the flag is a PARSE_ERROR rather than
 * a silently different answer.
 */
export const MAX_PATTERN_LENGTH = 256;
export const MAX_INPUT_LENGTH = 1024;
export const MAX_READS = 200_000;

type Cont = (i: number) => boolean;
interface State { s: string; caps: number[]; budget: number }
type M = (st: State, i: number, k: Cont) => boolean;

const EXHAUSTED = new Error('regex budget exhausted');

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13); // Java's \s: [ \t\n\x0B\f\r]
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
// Java 17's \b counts Unicode letters and digits as word characters (Character.isLetterOrDigit).
const BOUNDARY_WORD = /[\p{L}\p{Nd}_]/u;

type CharTest = (c: number) => boolean;

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit, D: (c) => !isDigit(c), w: isWord, W: (c) => !isWord(c), s: isSpace, S: (c) => !isSpace(c),
};
const CONTROL: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, e: 27, a: 7 };

class Parser {
  i = 0;
  groups = 0;
  constructor(readonly p: string) {}

  peek() { return this.p[this.i]; }

  alt(): M {
    const options = [this.seq()];
    while (this.peek() === '|') { this.i++; options.push(this.seq()); }
    return options.length === 1 ? options[0] : (st, i, k) => options.some((o) => o(st, i, k));
  }

  seq(): M {
    const items: M[] = [];
    while (this.i < this.p.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.reduceRight<M>((next, item) => (st, i, k) => item(st, i, (j) => next(st, j, k)), (_st, i, k) => k(i));
  }

  quantified(atom: M): M {
    const c = this.peek();
    let min: number, max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d{1,9})(,(\d{0,9}))?\}/.exec(this.p.slice(this.i));
      if (!m) fail('illegal repetition at ' + this.i);
      min = +m[1];
      max = m[2] ? (m[3] ? +m[3] : Infinity) : min;
      if (max < min) fail('bad repetition range');
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    const lazy = this.peek() === '?';
    if (lazy) this.i++;
    if (this.peek() === '+') fail('possessive quantifiers are Java-only');
    if ('*+?{'.includes(this.peek() ?? '') && this.peek() !== undefined) fail('nested quantifier');
    const body = atom;
    const loop = (st: State, i: number, k: Cont, n: number): boolean => {
      if (--st.budget < 0) throw EXHAUSTED;
      if (n < min) return body(st, i, (j) => loop(st, j, k, n + 1));
      // An iteration that matches nothing ends the loop, as in both engines.
      const more = () => n < max && body(st, i, (j) => j !== i && loop(st, j, k, n + 1));
      return lazy ? k(i) || more() : more() || k(i);
    };
    return (st, i, k) => loop(st, i, k, 0);
  }

  atom(): M {
    const c = this.p[this.i++];
    switch (c) {
      case '(': return this.group();
      case '[': return char(this.charClass());
      case '.': return char((x) => !isLineEnd(x));
      case '^': return this.anchor((st, i) => i === 0);
      case '$': return this.anchor((st, i) => {
        const n = st.s.length;
        // Java's $ without MULTILINE: the end, or before a final line terminator (\r\n counts as one).
        return i === n || (i === n - 1 && isLineEnd(st.s.charCodeAt(i)))
          || (i === n - 2 && st.s.charCodeAt(i) === 13 && st.s.charCodeAt(i + 1) === 10);
      });
      case '\\': return this.escape();
      case '*': case '+': case '?': fail('nothing to repeat');
      case '{': fail('illegal repetition');
      default: { const code = c.charCodeAt(0); return char((x) => x === code); }
    }
  }

  /** A zero-width test; a quantifier after it is refused, as JavaScript does. */
  anchor(test: (st: State, i: number) => boolean): M {
    if ('*+?{'.includes(this.peek() ?? '\0')) fail('nothing to repeat');
    return (st, i, k) => test(st, i) && k(i);
  }

  group(): M {
    let kind = 'capture';
    if (this.peek() === '?') {
      const two = this.p.slice(this.i, this.i + 2);
      if (two === '?:') kind = 'plain';
      else if (two === '?=') kind = 'ahead';
      else if (two === '?!') kind = 'not-ahead';
      else fail('group construct outside the shared subset: (' + two);
      this.i += 2;
    }
    const index = kind === 'capture' ? ++this.groups : 0;
    const body = this.alt();
    if (this.p[this.i++] !== ')') fail('unclosed group');
    if (kind === 'ahead' || kind === 'not-ahead') {
      const negate = kind === 'not-ahead';
      const look: M = (st, i, k) => body(st, i, () => true) !== negate && k(i);
      return look;
    }
    if (!index) return body;
    return (st, i, k) => body(st, i, (j) => {
      const [a, b] = [st.caps[2 * index], st.caps[2 * index + 1]];
      st.caps[2 * index] = i;
      st.caps[2 * index + 1] = j;
      if (k(j)) return true;
      st.caps[2 * index] = a;
      st.caps[2 * index + 1] = b;
      return false;
    });
  }

  escape(): M {
    const c = this.p[this.i++];
    if (c === undefined) fail('trailing backslash');
    if (c === 'b' || c === 'B') {
      const negate = c === 'B';
      return this.anchor((st, i) => {
        const before = i > 0 && BOUNDARY_WORD.test(st.s[i - 1]);
        const after = i < st.s.length && BOUNDARY_WORD.test(st.s[i]);
        return (before !== after) !== negate;
      });
    }
    if (c >= '1' && c <= '9') {
      const n = +c;
      return (st, i, k) => {
        const start = st.caps[2 * n];
        const end = st.caps[2 * n + 1];
        if (start === undefined || start < 0) return false; // Java: an unset group never matches
        const text = st.s.slice(start, end);
        st.budget -= text.length;
        if (st.budget < 0) throw EXHAUSTED;
        return st.s.startsWith(text, i) && k(i + text.length);
      };
    }
    return char(this.escapedChar(c));
  }

  escapedChar(c: string): CharTest {
    if (CLASS_ESCAPES[c]) return CLASS_ESCAPES[c];
    const code = this.escapedCode(c);
    return (x) => x === code;
  }

  escapedCode(c: string): number {
    if (c in CONTROL) return CONTROL[c];
    if (c === 'x' || c === 'u') {
      const len = c === 'x' ? 2 : 4;
      const hex = this.p.slice(this.i, this.i + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail('bad \\' + c + ' escape');
      this.i += len;
      return parseInt(hex, 16);
    }
    // Letters and digits without a shared meaning (\v, \0, \c, \p, \Q, \k...) differ between the engines.
    if (/[A-Za-z0-9]/.test(c)) fail('escape \\' + c + ' is outside the shared subset');
    return c.charCodeAt(0);
  }

  charClass(): CharTest {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const tests: CharTest[] = [];
    let first = true;
    while (true) {
      const c = this.p[this.i++];
      if (c === undefined) fail('unclosed character class');
      if (c === ']' && !first) break;
      if (c === '[' || (c === '&' && this.peek() === '&')) fail('nested classes and intersections are Java-only');
      first = false;
      let low: number;
      if (c === '\\') {
        const e = this.p[this.i++];
        if (e === undefined) fail('trailing backslash');
        if (CLASS_ESCAPES[e]) { tests.push(CLASS_ESCAPES[e]); continue; }
        if (e === 'b') fail('\\b in a class differs between engines');
        low = this.escapedCode(e);
      } else low = c.charCodeAt(0);
      if (this.peek() === '-' && this.p[this.i + 1] !== ']' && this.p[this.i + 1] !== undefined) {
        this.i++;
        let h = this.p[this.i++];
        let high: number;
        if (h === '\\') {
          h = this.p[this.i++];
          if (CLASS_ESCAPES[h]) fail('a range cannot end in a class escape');
          high = this.escapedCode(h);
        } else if (h === '[') fail('nested classes are Java-only');
        else high = h.charCodeAt(0);
        if (high < low) fail('range out of order');
        tests.push((x) => x >= low && x <= high);
      } else {
        const code = low;
        tests.push((x) => x === code);
      }
    }
    return (x) => tests.some((t) => t(x)) !== negate;
  }
}

function char(test: CharTest): M {
  return (st, i, k) => {
    if (--st.budget < 0) throw EXHAUSTED;
    return i < st.s.length && test(st.s.charCodeAt(i)) && k(i + 1);
  };
}

export interface BoundedRegex { find(input: string): boolean }

/** Compiles a pattern, refusing it (InvalidConfig) when too long, invalid, or outside the shared subset. */
export function compileRegex(pattern: string): BoundedRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) fail(`regex longer than ${MAX_PATTERN_LENGTH} characters`);
  try {
    new RegExp(pattern);
  } catch {
    fail(`invalid regex '${pattern}'`);
  }
  const parser = new Parser(pattern);
  const root = parser.alt();
  if (parser.i < pattern.length) fail(`invalid regex '${pattern}': unbalanced ')'`);
  return {
    find(input: string): boolean {
      if (input.length > MAX_INPUT_LENGTH) return false;
      const st: State = { s: input, caps: [], budget: MAX_READS };
      try {
        for (let start = 0; start <= input.length; start++) {
          st.caps = [];
          if (root(st, start, () => true)) return true;
        }
        return false;
      } catch (e) {
        if (e === EXHAUSTED || e instanceof RangeError) return false; // budget spent, or too deep: no match
        throw e;
      }
    },
  };
}
