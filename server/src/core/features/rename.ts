import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { unquoted, type TextEdit } from './edits';
import { kindLabel } from './entity-facts';
import { locate, targetEntity } from './locate';

export type PrepareRename = { span: Span; placeholder: string } | { error: string };
export type RenameResult = { edits: TextEdit[] } | { error: string };

function textOf(model: TopologyModel, file: string): string {
  return model.assembly.parsed.get(file)?.text ?? '';
}

/** The id's text without quotes, so a quoted id stays quoted. */
function innerSpan(model: TopologyModel, s: Span): Span {
  return { file: s.file, ...unquoted(textOf(model, s.file), s.start, s.end) };
}

/** Ids and refs can be renamed; a ref that names nothing cannot (there is nothing to rename). */
export function prepareRename(model: TopologyModel, file: string, offset: number): PrepareRename | undefined {
  const at = locate(model, file, offset);
  if (!at || at.kind === 'include') return undefined;
  const entity = targetEntity(model, at);
  if (!entity) return { error: at.kind === 'ref' ? `'${at.ref.value}' names no entity, so there is nothing to rename.` : 'Nothing to rename here.' };
  const span = innerSpan(model, { file, start: at.start, end: at.end });
  return { span, placeholder: entity.id };
}

/** Why `newName` cannot be the entity's id, if it cannot. */
export function renameProblem(model: TopologyModel, entity: Entity, newName: string): string | undefined {
  const pattern = entity.decl.idPattern;
  if (pattern && !new RegExp(pattern).test(newName)) return `'${newName}' is not a valid ${kindLabel(entity.kind)} id: ids of this kind match ${pattern}.`;
  if (newName.length < 2 || newName.length > 64) return `'${newName}' is not a valid id: ids are 2 to 64 characters long.`;
  const taken = model.index.find(entity.kind, newName, entity.decl.scope ? entity.owner?.id : undefined).filter((e) => e !== entity);
  if (taken[0]) return `'${newName}' is already the id of a ${kindLabel(entity.kind)} (${model.where(taken[0].idSpan)}); choose another name.`;
  return undefined;
}

/** Renames an id and every ref to it, in every file. */
export function rename(model: TopologyModel, file: string, offset: number, newName: string): RenameResult | undefined {
  const entity = targetEntity(model, locate(model, file, offset));
  if (!entity) return undefined;
  if (newName === entity.id) return { edits: [] };
  const problem = renameProblem(model, entity, newName);
  if (problem) return { error: problem };
  const spans = [entity.idSpan, ...model.referencesTo(entity).map((r) => ({ file: r.node.file, start: r.node.start, end: r.node.end }))];
  return { edits: spans.map((s) => ({ span: innerSpan(model, s), newText: newName })) };
}
