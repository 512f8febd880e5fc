import type { AddressHolder } from '../model/addresses';
import { addressModel } from '../model/addresses';
import type { Entity, Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Before, EntityRule, FileRule, HolderRule, RefRule, TopologyContext, TopologyRule } from '../rules/rule';
import type { Reads } from '../tracking/reads';
import type { Finding } from '../types';
import type { ParsedFile } from '../workspace/parse-file';
import type { Change } from './change';
import type { PartialResults, RunnerHost } from './partial';
import { shiftFindings, unaffected, type RuleRun, type Since } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;
type Report = (f: Reported) => void;

/** What a topology rule runs in: the model, the analysis before the edit, the host and the settings. */
export interface RunScope {
  model: TopologyModel;
  config: TopologyContext['config'];
  since: Since | undefined;
  host: RunnerHost;
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
  const { value: itemsKept, reads } = host.tracking.track(() => checkAll(rule, scope, base, report));
  return { run: { findings, reads }, carried: false, itemsKept };
}

/** Runs the rule's checks; returns how many items kept their findings without being checked again. */
/**
 * A file rule may read a file's text, which no tree read records: it is kept whole only when no
 * file changed; otherwise its edited files (new parses) are checked again.
 */
function readsUnchanged(rule: CheckingRule, since: Since): boolean {
  return rule.over !== 'files' || since.change.files.size === 0;
}

function checkAll(rule: CheckingRule, scope: RunScope, base: BaseContext, report: Report): number {
  switch (rule.over) {
    case 'model':
      rule.check(scope.model, { ...base, report });
      return 0;
    case 'refs':
      return checkRefs(rule, scope, base, report);
    case 'entities':
    case 'holders':
    case 'files':
      return checkItems(rule, itemsOf(rule, scope.model), scope, base, report);
  }
}

type ItemRule = EntityRule | HolderRule | FileRule;
type Item = Entity | AddressHolder | ParsedFile;

/** The items a rule declared, in a stable order: entities by kind, holders as the address model lists them, files in load order. */
function itemsOf(rule: ItemRule, model: TopologyModel): Item[] {
  if (rule.over === 'entities') return rule.kinds.flatMap((k) => model.index.ofKind(k));
  if (rule.over === 'holders') return addressModel(model).holders;
  const out: ParsedFile[] = [];
  for (const f of model.assembly.files) {
    const pf = model.assembly.parsed.get(f);
    if (pf) out.push(pf);
  }
  return out;
}

function checkOne(rule: ItemRule, item: Item, base: BaseContext, report: Report): void {
  // The rule's union member decides the item's type; the items came from the same declaration.
  (rule.check as (item: Item, ctx: TopologyContext) => void)(item, { ...base, report });
}

interface ItemRun {
  findings: Reported[];
  reads: Reads;
}

/** An item rule's findings by item, each with what its check read. */
class ItemFindings implements PartialResults {
  readonly byItem = new Map<Item, ItemRun>();

  constructor(public model: TopologyModel) {}

  carry(change: Change): boolean {
    // Entities read again are checked again next time; their old objects must not be kept alive.
    for (const e of change.goneEntities) this.byItem.delete(e);
    if (change.files.size === 0) return true;
    for (const [item, run] of this.byItem) {
      if (run.findings.length === 0) continue;
      const shifted = shiftFindings(run.findings, change);
      if (!shifted) return false;
      this.byItem.set(item, { findings: shifted, reads: run.reads });
    }
    return true;
  }
}

/**
 * Item by item, recording what each check read. An item that is the same object as before (its
 * file is unchanged) and whose check read no edited file keeps its findings; the others are checked again.
 */
function checkItems(rule: ItemRule, items: Item[], scope: RunScope, base: BaseContext, report: Report): number {
  const { model, since, host } = scope;
  const tracking = host.tracking;
  if (!tracking.isRecording()) {
    // No later analysis will be given this one: nothing to keep.
    for (const item of items) checkOne(rule, item, base, report);
    return 0;
  }
  let kept = 0;
  const lastRun = since?.runs.get(rule.id);
  const usable = since && lastRun ? host.parts.partsFor<ItemFindings>(rule.id, since.previous)?.byItem : undefined;
  // What the carried checks read is within what the whole rule read last time: count it once.
  if (usable && lastRun) tracking.replay(lastRun.reads);
  const parts = new ItemFindings(model);
  for (const item of items) {
    const last = usable?.get(item);
    if (since && last && unaffected(last.reads, since.change, { by: 'files' })) {
      const shifted = last.findings.length ? shiftFindings(last.findings, since.change) : last.findings;
      if (shifted) {
        for (const f of shifted) report(f);
        // Unmoved findings keep their record: a re-check at 50k entities would otherwise make 50k.
        parts.byItem.set(item, shifted === last.findings ? last : { findings: shifted, reads: last.reads });
        kept++;
        continue;
      }
    }
    const findings: Reported[] = [];
    const { reads } = tracking.trackByFiles(() =>
      checkOne(rule, item, base, (f) => {
        findings.push(f);
        report(f);
      }),
    );
    parts.byItem.set(item, { findings, reads });
  }
  host.parts.keep(rule.id, parts);
  return kept;
}

/** A ref rule's findings by the ref they are about (refs without findings are not kept). */
class RefFindings implements PartialResults {
  readonly byRef = new Map<Ref, Reported[]>();

  constructor(public model: TopologyModel) {}

  carry(change: Change, whole: boolean): boolean {
    for (const ref of change.goneRefs) {
      const list = this.byRef.get(ref);
      if (!list) continue;
      this.byRef.delete(ref);
      if (!whole) continue;
      // Carried whole, the rule's findings about a re-read ref stay: they now belong to its replacement.
      const next = change.replacedRefs.get(ref);
      if (!next) return false;
      this.byRef.set(next, list);
    }
    if (change.files.size === 0) return true;
    for (const [ref, list] of this.byRef) {
      const shifted = shiftFindings(list, change);
      if (!shifted) return false;
      this.byRef.set(ref, shifted);
    }
    return true;
  }
}

/**
 * Ref by ref. After an edit that kept the shape of the topology and changed nothing else the rule
 * read, refs of unchanged entities (the same objects as before) keep their findings and only the
 * re-read refs are checked: a ref edit re-checks one file's refs, not all.
 */
function checkRefs(rule: RefRule, scope: RunScope, base: BaseContext, report: Report): number {
  const { model, since, host } = scope;
  const check = (parts: RefFindings | undefined, ref: Ref): void => {
    // Most refs have no finding: their list is made on the first.
    let own: Reported[] | undefined;
    rule.check(ref, {
      ...base,
      report: (f) => {
        if (!own) own = [];
        own.push(f);
        report(f);
      },
    });
    if (own && parts) parts.byRef.set(ref, own);
  };
  if (!host.tracking.isRecording()) {
    // No later analysis will be given this one: nothing to keep.
    for (const ref of model.refs) check(undefined, ref);
    return 0;
  }
  const prev = carriedRefs(rule.id, since, host);
  if (since && prev) {
    for (const list of prev.byRef.values()) for (const f of list) report(f);
    if (!host.faults?.skipChangedRefs) for (const ref of since.change.newRefs) check(prev, ref);
    prev.model = model;
    host.parts.keep(rule.id, prev);
    return model.index.extraction.refs.length - since.change.newRefs.length;
  }
  const parts = new RefFindings(model);
  for (const ref of model.refs) check(parts, ref);
  host.parts.keep(rule.id, parts);
  return 0;
}

/** The last run's findings by ref, moved with the edit, when only refs changed of what the rule read. */
function carriedRefs(ruleId: string, since: Since | undefined, host: RunnerHost): RefFindings | undefined {
  const last = since?.runs.get(ruleId);
  const prev = host.parts.partsFor<RefFindings>(ruleId, since?.previous);
  if (!since || !last || !prev || !unaffected(last.reads, since.change, { refs: 'per-ref' }) || !prev.carry(since.change, false)) return undefined;
  // Carried findings were made reading what the last run read.
  host.tracking.replay(last.reads);
  return prev;
}
