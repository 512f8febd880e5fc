/**
 * IPv4 and IPv6 addresses and prefixes as integers: parsing with reasons, canonical text,
 * containment and overlap. Small on purpose (no dependency): every network rule, the next-free
 * address search, hovers and generators use these few functions through model/addresses.ts.
 */

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  /** First address of the prefix (host bits zero). */
  network: bigint;
  prefix: number;
}

export interface IpRange {
  family: Family;
  start: bigint;
  end: bigint;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export function bits(family: Family): number {
  return family === 4 ? 32 : 128;
}

function parseV4(text: string): Parsed<bigint> {
  const fast = quickV4(text);
  if (fast !== undefined) return ok(BigInt(fast));
  const parts = text.split('.');
  if (parts.length !== 4) return fail(`'${text}' has ${parts.length} octets; an IPv4 address has 4`);
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return fail(`octet '${p}' of '${text}' is not a number from 0 to 255`);
    if (p.length > 1 && p.startsWith('0')) return fail(`octet '${p}' of '${text}' has a leading zero (read as octal by some tools)`);
    const n = Number(p);
    if (n > 255) return fail(`octet ${n} of '${text}' is above 255`);
    v = (v << 8n) | BigInt(n);
  }
  return ok(v);
}

/** A well-formed dotted quad as a number, in one pass (addresses are parsed by the thousand); else undefined. */
function quickV4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      // A leading zero is an error with its own message.
      if (digits === 1 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return undefined;
    } else if (c === 46 && digits > 0 && octet <= 255) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      if (++dots > 4) return undefined;
    } else {
      return undefined;
    }
  }
  return dots === 4 ? value : undefined;
}

function parseV6(text: string): Parsed<bigint> {
  const bad = (why: string) => fail<bigint>(`'${text}' is not an IPv6 address: ${why}`);
  const halves = text.split('::');
  if (halves.length > 2) return bad(`'::' appears more than once`);
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const words: number[] = [];
  const push = (list: string[], isLast: boolean): string | undefined => {
    for (let i = 0; i < list.length; i++) {
      const g = list[i]!;
      if (isLast && i === list.length - 1 && g.includes('.')) {
        const v4 = parseV4(g);
        if (!v4.ok) return v4.error;
        words.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return `group '${g}' is not 1-4 hex digits`;
      words.push(parseInt(g, 16));
    }
    return undefined;
  };
  const e1 = push(head, halves.length === 1);
  if (e1) return bad(e1);
  const headLen = words.length;
  const e2 = push(tail, true);
  if (e2) return bad(e2);
  const tailWords = words.splice(headLen);
  if (halves.length === 1 && words.length !== 8) return bad(`it has ${words.length} groups, not 8`);
  if (halves.length === 2 && words.length + tailWords.length > 7) return bad(`'::' stands for no group`);
  const all = [...words, ...new Array<number>(8 - words.length - tailWords.length).fill(0), ...tailWords];
  return ok(all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n));
}

/** An address without prefix length (`10.0.30.10`, `fd00::1`). */
export function parseIp(text: string): Parsed<Ip> {
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseV6(t);
    return v.ok ? ok({ family: 6, value: v.value }) : v;
  }
  const v = parseV4(t);
  return v.ok ? ok({ family: 4, value: v.value }) : v;
}

/** An address with an optional prefix length (`10.0.30.10/24`), as LXC and VM NICs write it. */
export function parseIpWithPrefix(text: string): Parsed<{ ip: Ip; prefix: number | undefined }> {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined) return fail(`'${text}' has more than one '/'`);
  const ip = parseIp(addr!);
  if (!ip.ok) return ip;
  if (len === undefined) return ok({ ip: ip.value, prefix: undefined });
  const prefix = parsePrefix(len, ip.value.family, text);
  return prefix.ok ? ok({ ip: ip.value, prefix: prefix.value }) : prefix;
}

function parsePrefix(len: string, family: Family, text: string): Parsed<number> {
  if (!/^\d{1,3}$/.test(len)) return fail(`prefix length '${len}' of '${text}' is not a number`);
  const n = Number(len);
  if (n > bits(family)) return fail(`prefix length /${n} of '${text}' exceeds /${bits(family)}, the longest IPv${family} prefix`);
  return ok(n);
}

export function hostMask(family: Family, prefix: number): bigint {
  return (1n << BigInt(bits(family) - prefix)) - 1n;
}

/** A network in CIDR notation; host bits must be zero (the error names the network meant). */
export function parseCidr(text: string): Parsed<Cidr> {
  const slash = text.indexOf('/');
  if (slash < 0) return fail(`'${text}' has no prefix length (write it as address/length, e.g. 10.0.30.0/24)`);
  const p = parseIpWithPrefix(text);
  if (!p.ok) return p;
  const { ip, prefix } = p.value;
  const mask = hostMask(ip.family, prefix!);
  if ((ip.value & mask) !== 0n) {
    const network = ip.value & ~mask;
    return fail(`'${text}' has host bits set; the network is ${formatCidr({ family: ip.family, network, prefix: prefix! })}`);
  }
  return ok({ family: ip.family, network: ip.value, prefix: prefix! });
}

/** `start-end` as networks write `dhcp_range`. */
export function parseRange(text: string): Parsed<IpRange> {
  const parts = text.split('-');
  if (parts.length !== 2) return fail(`'${text}' is not a range written as first-last (e.g. 10.0.30.100-10.0.30.199)`);
  return rangeOf(parts[0]!.trim(), parts[1]!.trim());
}

/** A range from its two ends (`reserved_ranges[].start`/`end`). */
export function rangeOf(startText: string, endText: string): Parsed<IpRange> {
  const a = parseIp(startText);
  if (!a.ok) return a;
  const b = parseIp(endText);
  if (!b.ok) return b;
  if (a.value.family !== b.value.family) return fail(`range ${startText}-${endText} mixes IPv4 and IPv6`);
  if (a.value.value > b.value.value) return fail(`range ${startText}-${endText} ends before it starts`);
  return ok({ family: a.value.family, start: a.value.value, end: b.value.value });
}

export function lastAddress(c: Cidr): bigint {
  return c.network | hostMask(c.family, c.prefix);
}

export function cidrContains(c: Cidr, ip: Ip): boolean {
  return c.family === ip.family && ip.value >= c.network && ip.value <= lastAddress(c);
}

export function cidrContainsRange(c: Cidr, r: IpRange): boolean {
  return c.family === r.family && r.start >= c.network && r.end <= lastAddress(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

export function rangeContains(r: IpRange, ip: Ip): boolean {
  return r.family === ip.family && ip.value >= r.start && ip.value <= r.end;
}

export function sameIp(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.value === b.value;
}

/** A key for maps and sets: equal for equal addresses however they were written. */
const keys = new WeakMap<Ip, string>();

/** A parsed address kept with its node (addresses.ts) is keyed once, not at every analysis. */
export function ipKey(ip: Ip): string {
  let k = keys.get(ip);
  if (k === undefined) {
    k = `${ip.family}:${ip.value.toString(16)}`;
    keys.set(ip, k);
  }
  return k;
}

/** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    const v = Number(ip.value);
    return `${Math.floor(v / 16777216) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const words = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLen))}`;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.network })}/${c.prefix}`;
}

/** IPv4 networks have a network and a broadcast address no host may use; IPv6 has no broadcast. */
export function hasBroadcast(c: Cidr): boolean {
  return c.family === 4 && c.prefix <= 30;
}

/**
 * The addresses a host may take: not the network address (nor, in IPv6, the subnet-router anycast
 * that shares it), not the IPv4 broadcast. Empty (`first > last`) only for an IPv6 /128.
 */
export function hostRange(c: Cidr): { first: bigint; last: bigint } {
  const broadcast = hasBroadcast(c);
  return { first: c.network + (c.family === 6 || broadcast ? 1n : 0n), last: lastAddress(c) - (broadcast ? 1n : 0n) };
}

/** How many addresses a range spans. */
export function rangeSize(r: IpRange): bigint {
  return r.end - r.start + 1n;
}
