import * as assert from 'node:assert/strict';
import {
  cidrContains,
  cidrContainsRange,
  cidrsOverlap,
  formatCidr,
  formatIp,
  ipKey,
  lastAddress,
  parseCidr,
  parseIp,
  parseIpWithPrefix,
  parseRange,
  rangeContains,
  type Cidr,
  type Ip,
} from '../../server/src/core/model/cidr';

function ip(text: string): Ip {
  const p = parseIp(text);
  assert.ok(p.ok, `${text}: ${p.ok ? '' : p.error}`);
  return p.value;
}
function cidr(text: string): Cidr {
  const p = parseCidr(text);
  assert.ok(p.ok, `${text}: ${p.ok ? '' : p.error}`);
  return p.value;
}
function error(p: { ok: boolean; error?: string }): string {
  assert.equal(p.ok, false);
  return p.error!;
}

describe('cidr arithmetic', () => {
  it('reads IPv4 addresses and rejects bad octets', () => {
    assert.equal(ip('10.0.30.10').value, 0x0a001e0an);
    assert.equal(ip('255.255.255.255').value, 0xffffffffn);
    assert.match(error(parseIp('10.0.300.1')), /octet 300 .* above 255/);
    assert.match(error(parseIp('10.0.30')), /3 octets/);
    assert.match(error(parseIp('10.0.030.1')), /leading zero/);
    assert.match(error(parseIp('10.0.x.1')), /not a number/);
  });

  it('reads IPv6 addresses in every notation to the same value', () => {
    const full = ip('fd00:0030:0000:0000:0000:0000:0000:0010');
    for (const t of ['fd00:30::10', 'FD00:30:0:0::10', 'fd00:30:0:0:0:0:0:10']) assert.equal(ip(t).value, full.value, t);
    assert.equal(ip('::').value, 0n);
    assert.equal(ip('::1').value, 1n);
    assert.equal(ip('::ffff:10.0.30.10').value, 0xffff0a001e0an);
    assert.match(error(parseIp('fd00::30::1')), /more than once/);
    assert.match(error(parseIp('fd00:30:1')), /3 groups, not 8/);
    assert.match(error(parseIp('fd00:3g::1')), /'3g'/);
    assert.match(error(parseIp('1:2:3:4::5:6:7:8')), /'::' stands for no group/);
  });

  it('writes canonical text (RFC 5952 for IPv6)', () => {
    assert.equal(formatIp(ip('10.0.30.1')), '10.0.30.1');
    assert.equal(formatIp(ip('FD00:0030:0:0:0:0:0:0010')), 'fd00:30::10');
    assert.equal(formatIp(ip('2001:db8:0:1:0:0:0:1')), '2001:db8:0:1::1');
    assert.equal(formatIp(ip('2001:db8:0:0:1:0:0:1')), '2001:db8::1:0:0:1', 'the first of two equal zero runs');
    assert.equal(formatIp(ip('2001:db8:1:1:1:1:0:1')), '2001:db8:1:1:1:1:0:1', 'a single zero group is not compressed');
    assert.equal(formatIp(ip('::')), '::');
    assert.equal(formatIp(ip('::1')), '::1');
    assert.equal(formatIp(ip('fe80::')), 'fe80::');
  });

  it('reads addresses with a prefix length, as NICs write them', () => {
    const p = parseIpWithPrefix('10.0.30.10/24');
    assert.ok(p.ok);
    assert.equal(p.value.prefix, 24);
    assert.equal(formatIp(p.value.ip), '10.0.30.10');
    const bare = parseIpWithPrefix('fd00::1');
    assert.ok(bare.ok);
    assert.equal(bare.value.prefix, undefined);
    assert.match(error(parseIpWithPrefix('10.0.30.10/33')), /exceeds \/32/);
    assert.match(error(parseIpWithPrefix('fd00::1/129')), /exceeds \/128/);
    assert.match(error(parseIpWithPrefix('10.0.30.10/2/4')), /more than one/);
  });

  it('reads CIDRs: prefix too long, host bits set, bad octets', () => {
    assert.equal(formatCidr(cidr('10.0.30.0/24')), '10.0.30.0/24');
    assert.equal(formatCidr(cidr('0.0.0.0/0')), '0.0.0.0/0');
    assert.equal(formatCidr(cidr('fd4e:7a1c:90e1:30::/64')), 'fd4e:7a1c:90e1:30::/64');
    assert.match(error(parseCidr('10.0.30.0/33')), /exceeds \/32/);
    assert.match(error(parseCidr('10.0.30.5/24')), /host bits set; the network is 10\.0\.30\.0\/24/);
    assert.match(error(parseCidr('fd00:30::1/64')), /host bits set; the network is fd00:30::\/64/);
    assert.match(error(parseCidr('10.0.256.0/24')), /above 255/);
    assert.match(error(parseCidr('10.0.30.0')), /no prefix length/);
    assert.match(error(parseCidr('10.0.30.0/x')), /not a number/);
  });

  it('contains, overlaps and ranges, per family', () => {
    const net = cidr('10.0.30.0/24');
    assert.equal(lastAddress(net), ip('10.0.30.255').value);
    assert.ok(cidrContains(net, ip('10.0.30.0')));
    assert.ok(cidrContains(net, ip('10.0.30.255')));
    assert.ok(!cidrContains(net, ip('10.0.31.0')));
    assert.ok(!cidrContains(cidr('::/0'), ip('10.0.30.1')), 'families never mix');
    assert.ok(cidrsOverlap(net, cidr('10.0.30.128/25')));
    assert.ok(cidrsOverlap(cidr('10.0.0.0/8'), net));
    assert.ok(!cidrsOverlap(net, cidr('10.0.31.0/24')));
    assert.ok(cidrsOverlap(cidr('fd00:30::/48'), cidr('fd00:30:0:40::/64')));
    assert.ok(!cidrsOverlap(cidr('fd00:30::/64'), cidr('fd00:31::/64')));
    const r = parseRange('10.0.30.100-10.0.30.199');
    assert.ok(r.ok);
    assert.ok(rangeContains(r.value, ip('10.0.30.100')) && rangeContains(r.value, ip('10.0.30.199')));
    assert.ok(!rangeContains(r.value, ip('10.0.30.200')));
    assert.ok(cidrContainsRange(net, r.value));
    const wide = parseRange('10.0.30.100 - 10.0.31.5');
    assert.ok(wide.ok && !cidrContainsRange(net, wide.value));
    assert.match(error(parseRange('10.0.30.9-10.0.30.1')), /ends before it starts/);
    assert.match(error(parseRange('10.0.30.9-fd00::1')), /mixes IPv4 and IPv6/);
    assert.match(error(parseRange('10.0.30.9')), /first-last/);
  });

  it('keys equal addresses equally', () => {
    assert.equal(ipKey(ip('fd00:30::10')), ipKey(ip('fd00:30:0::10')));
    assert.notEqual(ipKey(ip('0.0.0.1')), ipKey(ip('::1')));
  });
});
