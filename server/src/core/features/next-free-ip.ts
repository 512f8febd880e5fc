/**
 * "Next free IP" for the editor, as plain data: a completion item for an address value and a code
 * action "Use next free address in <network>". Both work on an address written where the network is
 * known: an `ip_allocations[].ip` (its network), an LXC/VM NIC `ip` / `ip_config.address` with
 * `network_ref`, and a bridge `address` with `network_ref`. The address itself comes from
 * `nextFreeAddress` in model/addresses.ts; the language server converts these to LSP types.
 */
import { addressModel, formatIp, nextFreeAddress, prefixesOf, type AddressModel } from '../model/addresses';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { TextEdit } from './edits';
import { deref, entryOf, get, items, str, type SEntry, type SMap, type SNode } from '../workspace/nodes';

/** An address field at a position, with the network it belongs to. */
export interface AddressSite {
  /** The entity the field is written in (network, LXC, VM or bridge). */
  owner: Entity;
  /** `ip` or `address`. */
  entry: SEntry;
  /** The map holding the entry. */
  container: SMap;
  networkId: string;
  /** The field carries a prefix length (`10.0.30.11/24`): NICs and bridges. */
  withPrefix: boolean;
  /** The value as written ('' when empty). */
  current: string;
}

export interface NextFreeIpCompletion {
  label: string;
  detail: string;
  documentation: string;
  edit: TextEdit;
  networkId: string;
  address: string;
}

export interface NextFreeIpAction {
  title: string;
  kind: 'quickfix';
  edit: TextEdit;
  networkId: string;
  address: string;
  /** Rule ids whose findings on this value the action fixes (so an editor can mark it preferred). */
  fixes: string[];
}

const FIXES = ['ip-duplicate', 'ip-outside-network', 'dhcp-range-conflict'];

/** The address field whose key or value covers `offset` in `file`, if its network is known. */
export function addressSiteAt(model: TopologyModel, file: string, offset: number): AddressSite | undefined {
  const text = model.assembly.parsed.get(file)?.text ?? '';
  const hit = (container: SNode | undefined, key: string): { entry: SEntry; container: SMap } | undefined => {
    const m = deref(container);
    if (m?.kind !== 'map' || m.file !== file) return undefined;
    const e = entryOf(m, key);
    if (!e || offset < e.keyStart) return undefined;
    const v = deref(e.value);
    // an empty value ends where the key line does: the cursor anywhere after the colon counts
    const end = v && v.kind === 'scalar' && v.value !== null ? v.end : Math.max(v?.end ?? e.keyEnd, lineEnd(text, e.keyEnd));
    return offset <= end ? { entry: e, container: m } : undefined;
  };
  const site = (owner: Entity, found: { entry: SEntry; container: SMap } | undefined, networkId: string | undefined, withPrefix: boolean): AddressSite | undefined => {
    if (!found || !networkId) return undefined;
    return { owner, ...found, networkId, withPrefix, current: str(found.entry.value) ?? '' };
  };
  for (const net of model.index.ofKind('network')) {
    for (const a of items(get(net.node, 'ip_allocations'))) {
      const s = site(net, hit(a, 'ip'), net.id, false);
      if (s) return s;
    }
  }
  for (const kind of ['lxc', 'vm']) {
    for (const guest of model.index.ofKind(kind)) {
      for (const nic of items(get(guest.node, 'networks'))) {
        const net = str(get(nic, 'network_ref'));
        const s = site(guest, hit(nic, 'ip'), net, true) ?? site(guest, hit(get(nic, 'ip_config'), 'address'), net, true);
        if (s) return s;
      }
    }
  }
  for (const br of model.index.ofKind('bridge')) {
    const s = site(br, hit(br.node, 'address'), str(get(br.node, 'network_ref')), true);
    if (s) return s;
  }
  return undefined;
}

/** Which prefix to search: an IPv6 value (or an IPv6-only network) uses the network's IPv6 prefix. */
function prefixEntity(am: AddressModel, site: AddressSite): { id: string; prefix: number } | undefined {
  const prefixes = prefixesOf(am, site.networkId);
  const wantV6 = site.current.includes(':');
  const chosen = prefixes.find((p) => (p.cidr!.value.family === 6) === wantV6) ?? (site.current === '' ? prefixes[0] : undefined);
  return chosen ? { id: chosen.entity.id, prefix: chosen.cidr!.value.prefix } : undefined;
}

function editFor(model: TopologyModel, site: AddressSite, text: string): TextEdit {
  const v = deref(site.entry.value)!;
  const fileText = model.assembly.parsed.get(site.container.file)?.text ?? '';
  if (v.kind === 'scalar' && v.value !== null) return { span: { file: v.file, start: v.start, end: v.end }, newText: text };
  // empty value: insert after `key:` with one space
  const at = v.start > site.entry.keyEnd ? v.start : site.entry.keyEnd + 1;
  const needsSpace = fileText[at - 1] === ':';
  return { span: { file: site.container.file, start: at, end: at }, newText: needsSpace ? ` ${text}` : text };
}

function proposal(model: TopologyModel, site: AddressSite): { address: string; text: string; networkLabel: string } | undefined {
  const am = addressModel(model);
  const p = prefixEntity(am, site);
  if (!p) return undefined;
  const ip = nextFreeAddress(model, p.id);
  if (!ip) return undefined;
  const address = formatIp(ip);
  return { address, text: site.withPrefix ? `${address}/${p.prefix}` : address, networkLabel: p.id === site.networkId ? site.networkId : `${site.networkId} (${p.id})` };
}

/** The completion item for the address value at `offset`, or undefined when none applies. */
export function nextFreeIpCompletion(model: TopologyModel, file: string, offset: number): NextFreeIpCompletion | undefined {
  const site = addressSiteAt(model, file, offset);
  if (!site) return undefined;
  const p = proposal(model, site);
  if (!p) return undefined;
  return {
    label: p.text,
    detail: `next free address in ${p.networkLabel}`,
    documentation: `The first address of ${p.networkLabel} that nothing in the topology uses, outside the DHCP range, the reserved ranges, the network and broadcast addresses and the gateway.`,
    edit: editFor(model, site, p.text),
    networkId: site.networkId,
    address: p.address,
  };
}

/**
 * The code action for the address value at `offset`. The value itself counts as used, so the
 * proposal is always another address: the fix for a duplicate, an address outside the network or
 * one inside the DHCP pool (`fixes` names those rules), and a renumbering otherwise.
 */
export function nextFreeIpActions(model: TopologyModel, file: string, offset: number): NextFreeIpAction[] {
  const site = addressSiteAt(model, file, offset);
  if (!site) return [];
  const p = proposal(model, site);
  if (!p) return [];
  return [{ title: `Use next free address in ${p.networkLabel}`, kind: 'quickfix', edit: editFor(model, site, p.text), networkId: site.networkId, address: p.address, fixes: FIXES }];
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}
