import type { AddressHolder } from '../model/addresses';
import { addressModel } from '../model/addresses';
import type { Entity, Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Before, EntityRule, FileRule, HolderRule, RefRule, TopologyContext, TopologyRule } from '../rules/rule';
import type { Finding } from '../types';
import type { ParsedFile } from '../workspace/parse-file';
import { ItemResults } from './item-results';
import { keepEqualFindings } from './keep-equal';
import type { RunnerHost } from './partial';
import { shiftFindings, unaffected, type RuleRun, type Since } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;
type Report = (f: Reported) => void;

/** What a topology rule runs in: the model, the analysis before the edit, the host and the settings. */
export interface RunScope {
  model: TopologyModel;
  config: TopologyContext['config'];
  since: Since | undefined;
  host: RunnerHost;
  /** The first analysis a user waits for: item rules keep nothing per item; `primeItemRule` records it later. */
  deferItems?: boolean;
}

/** The context a check is given (its `report` aside): what rules may see of the run. */
type BaseContext = Omit<TopologyContext, 'report'>;

/** What came before the edit, as rules see it. */
function beforeOf(since: Since | undefined): Before | undefined {
  if (!since) return undefined;
  const change = since.change;
  return { model: since.previous, outsideEntities: change.outsideEntities, move: (findings) => shiftFindings(findings, change) };
}

/** A rule that checks something (loader rules have findings from loading only). */
export type CheckingRule = Exclude<TopologyRule, { over?: undefined }>;

/**
 * The one runner of topology rules. A rule that read nothing the edit changed keeps its findings
 * whole, moved with the text. Otherwise it runs again, item by item as it declared (`over`): after
 * an edit that kept the shape of the topology, only the items whose check read something the edit
 * changed are checked again; the others keep their findings. Returns the run and whether it was carried.
 */
export function runTopologyRule(rule: CheckingRule, scope: RunScope): { run: RuleRun; carried: boolean; itemsKept: number } {
  const { since, host } = scope;
  const last = since?.runs.get(rule.id);
  const carried = since && last && (host.faults?.carryStaleRules || (readsUnchanged(rule, since) && unaffected(last.reads, since.change))) ? shiftFindings(last.findings, since.change) : undefined;
  if (since && last && carried) {
    host.parts.carry(rule.id, since.previous, scope.model, since.change);
    return { run: { findings: carried, reads: last.reads }, carried: true, itemsKept: 0 };
  }
  const findings: Finding[] = [];
  const report: Report = (f) => findings.push({ ...f, rule: rule.id });
  const base: BaseContext = { model: scope.model, config: scope.config, host, before: beforeOf(since) };
  const { value, reads } = host.tracking.track(() => checkAll(rule, scope, base, report));
  // Run whole (or with nothing kept per item), a rule reports every finding anew: the unchanged ones keep the last run's objects.
  const kept = !value.listed && last && since ? keepEqualFindings(findings, shiftFindings(last.findings, since.change) ?? []) : undefined;
  return { run: { findings: value.listed ?? kept ?? findings, reads }, carried: false, itemsKept: value.itemsKept };
}

/**
 * A file rule may read a file's text, which no tree read records: it is kept whole only when no
 * file changed; otherwise its edited files (new parses) are checked again.
 */
function readsUnchanged(rule: CheckingRule, since: Since): boolean {
  return rule.over !== 'files' || since.change.files.size === 0;
}

function checkAll(rule: CheckingRule, scope: RunScope, base: BaseContext, report: Report): { itemsKept: number; listed?: Finding[] } {
  switch (rule.over) {
    case 'model':
      rule.check(scope.model, { ...base, report });
      return { itemsKept: 0 };
    case 'refs':
    case 'entities':
    case 'holders':
    case 'files':
      return checkItems(rule, itemsOf(rule, scope.model), scope, base);
  }
}

type ItemRule = RefRule | EntityRule | HolderRule | FileRule;
type Item = Ref | Entity | AddressHolder | ParsedFile;

/** The items a rule declared, in a stable order: refs and entities as extracted (entities by kind), holders as the address model lists them, files in load order. */
function itemsOf(rule: ItemRule, model: TopologyModel): Item[] {
  if (rule.over === 'refs') return model.refs;
  if (rule.over === 'entities') return rule.kinds === 'all' ? model.entities : rule.kinds.flatMap((k) => model.index.ofKind(k));
  if (rule.over === 'holders') return addressModel(model).holders;
  const out: ParsedFile[] = [];
  for (const f of model.assembly.files) {
    const pf = model.assembly.parsed.get(f);
    if (pf) out.push(pf);
  }
  return out;
}

/**
 * Item by item, recording what each check read. After an edit that kept the shape of the topology,
 * the items checked again are those read again from an edited file (new objects) and those whose
 * check read something the edit changed, looked up in the last run's index of what each read; the
 * others keep their findings unvisited, moved with the text. Returns the items kept and the findings in item order.
 */
function checkItems(rule: ItemRule, items: Item[], scope: RunScope, base: BaseContext): { itemsKept: number; listed: Finding[] } {
  const { model, since, host } = scope;
  const tracking = host.tracking;
  // One context for every check: thousands of items are checked, each reporting into its own list.
  let into: Finding[] = [];
  const ctx: TopologyContext = { ...base, report: (f) => into.push({ ...f, rule: rule.id }) };
  const checkOne = (item: Item, list: Finding[]): void => {
    into = list;
    // The rule's union member decides the item's type; the items came from the same declaration.
    (rule.check as (item: Item, ctx: TopologyContext) => void)(item, ctx);
  };
  const lastRun = since?.runs.get(rule.id);
  const kept = since && lastRun ? host.parts.partsFor<ItemResults<Item>>(rule.id, since.previous) : undefined;
  // Nothing to keep: no later analysis will be given this one, the items are made anew by each
  // analysis (the address holders), or the first analysis leaves the recording for later.
  if (!tracking.isRecording() || rule.over === 'holders' || (!kept && scope.deferItems)) {
    const listed: Finding[] = [];
    if (rule.over === 'entities') rule.outside?.(model, { ...base, report: (f) => listed.push({ ...f, rule: rule.id }) });
    for (const item of items) checkOne(item, listed);
    return { itemsKept: 0, listed };
  }
  const again = kept && since && lastRun ? itemsToCheck(rule, kept, items, since, lastRun, host) : undefined;
  const parts = again && kept ? kept : new ItemResults<Item>(model);
  // What the kept items' checks read (their keys) still counts for the rule as a whole.
  if (again && lastRun) tracking.absorb(lastRun.reads);
  // A run over every item lists its findings as it goes, in the order of the items.
  const inOrder: Finding[] | undefined = again ? undefined : [];
  for (const item of again ?? items) {
    const findings: Finding[] = [];
    const { reads } = tracking.trackByFiles(() => checkOne(item, findings));
    parts.record(item, findings, reads);
    if (inOrder) for (const f of findings) inOrder.push(f);
  }
  if (rule.over === 'entities' && rule.outside) judgeOutside(rule, parts, again ? since : undefined, scope, base);
  parts.model = model;
  host.parts.keep(rule.id, parts);
  const outside = parts.outside?.findings ?? [];
  const listed = inOrder ? (outside.length ? [...outside, ...inOrder] : inOrder) : !parts.dirty && lastRun ? (shiftFindings(lastRun.findings, since!.change) ?? parts.list(items)) : parts.list(items);
  parts.dirty = false;
  return { itemsKept: items.length - (again ?? items).length, listed: listed as Finding[] };
}

/**
 * Records an item rule's results item by item for a model analysed with `deferItems`, so that the
 * next analysis after an edit re-checks only what it must. Its findings equal those of that analysis.
 */
export function primeItemRule(rule: CheckingRule, scope: RunScope): void {
  if (rule.over === 'model' || rule.over === 'holders' || scope.host.parts.partsFor(rule.id, scope.model)) return;
  const base: BaseContext = { model: scope.model, config: scope.config, host: scope.host, before: undefined };
  scope.host.tracking.track(() => checkItems(rule, itemsOf(rule, scope.model), { ...scope, since: undefined, deferItems: false }, base));
}

/** An entity rule's judgement of what lies outside every entity: carried while nothing it read changed, else made again. */
function judgeOutside(rule: EntityRule, parts: ItemResults<Item>, since: Since | undefined, scope: RunScope, base: BaseContext): void {
  const last = parts.outside;
  if (since && last && unaffected(last.reads, since.change)) {
    const findings = shiftFindings(last.findings, since.change);
    if (findings) {
      if (findings !== last.findings) parts.dirty = true;
      parts.outside = { findings, reads: last.reads };
      return;
    }
  }
  const findings: Finding[] = [];
  const { reads } = scope.host.tracking.track(() => rule.outside!(scope.model, { ...base, report: (f) => findings.push({ ...f, rule: rule.id }) }));
  parts.outside = { findings, reads };
  parts.dirty = true;
}

/**
 * The items to check again after an edit, from the last run's results (which this updates: gone
 * items are dropped, kept findings moved).
 */
function itemsToCheck(rule: ItemRule, kept: ItemResults<Item>, items: Item[], since: Since, lastRun: RuleRun, host: RunnerHost): Item[] {
  const change = since.change;
  const affected = kept.affected(change);
  const { read, gone } = turnover(rule, kept, items, since);
  // An item read again whose twin's check read nothing the edit changed takes over its results.
  const fresh: Item[] = [];
  for (const item of read) {
    if (kept.has(item)) continue;
    const twin = change.twins.get(item as Entity | Ref) as Item | undefined;
    if (twin !== undefined && kept.has(twin) && (!affected.has(twin) || host.faults?.trustTwins)) kept.rekey(twin, item);
    else fresh.push(item);
  }
  for (const item of gone) kept.forget(item);
  // Only refs changed of what a ref rule read as a whole: the refs read again are all it must check.
  const onlyRefs = rule.over === 'refs' && unaffected(lastRun.reads, change, { refs: 'per-ref' });
  const again = onlyRefs ? new Set<Item>() : new Set([...affected].filter((i) => kept.has(i)));
  for (const item of kept.move(change, again)) again.add(item);
  if (rule.over === 'refs' && host.faults?.skipChangedRefs) return [...again];
  return [...fresh, ...again];
}

/**
 * The rule's items that are new objects since its last run (read again from an edited file, or
 * left unchecked by a run carried whole), and the objects they replaced; for refs and entities
 * from what the edit changed, without visiting every item.
 */
function turnover(rule: ItemRule, kept: ItemResults<Item>, items: Item[], since: Since): { read: Item[]; gone: Item[] } {
  const change = since.change;
  if (rule.over === 'refs') return { read: [...change.newRefs, ...kept.pendingRefs], gone: [...change.goneRefs] };
  if (rule.over === 'entities') {
    const kinds = rule.kinds === 'all' ? undefined : new Set(rule.kinds);
    const ofKinds = (list: Iterable<Item>) => [...list].filter((e) => !kinds || kinds.has((e as Entity).kind));
    return { read: ofKinds([...change.newEntities, ...kept.pendingEntities]), gone: ofKinds(change.goneEntities) };
  }
  const live = new Set(items);
  return { read: items.filter((i) => !kept.has(i)), gone: kept.items().filter((i) => !live.has(i)) };
}
