import { integralText } from './json.js';

/**
 * A point in time as [epoch milliseconds, nanoseconds within that millisecond]: Java compares
 * instants to the nanosecond, so a fraction beyond milliseconds must not be rounded away.
 */
export type Instant = [number, number];

// java.time's ISO_OFFSET_DATE_TIME: seconds and fraction optional, offset Z or ±HH:MM[:SS], case-insensitive.
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{0,9}))?)?(?:(Z)|([+-])(\d\d):(\d\d)(?::(\d\d))?)$/i;

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: exact for every proleptic Gregorian date, unlike Date.UTC for years < 100.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseInstant(value: unknown): Instant | null {
  if (typeof value === 'number') {
    const integral = integralText(value);
    return integral === null ? null : [value, 0];
  }
  if (typeof value !== 'string' || value.length > 64) return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const s = m[6] ? Number(m[6]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap(y) ? 29 : MONTH_DAYS[mo - 1])) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  let offset = 0;
  if (!m[8]) {
    const [oh, om, os] = [Number(m[10]), Number(m[11]), m[12] ? Number(m[12]) : 0];
    if (oh > 18 || om > 59 || os > 59 || (oh === 18 && (om || os))) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
  }
  const fraction = (m[7] ?? '').padEnd(9, '0');
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return [seconds * 1000 + Number(fraction.slice(0, 3)), Number(fraction.slice(3))];
}

export const compareInstants = (a: Instant, b: Instant): number => a[0] - b[0] || a[1] - b[1];
