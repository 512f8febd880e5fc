import { defineRule } from './rule';

export const idDuplicate = defineRule({
  id: 'id-duplicate',
  severity: 'error',
  category: 'reference',
  description: 'Two entities of one kind share an id.',
  docs: `Ids identify entities across files; two with the same id make every reference to it ambiguous (references resolve to the first). Storage slots only need unique ids within their device. Every definition after the first is reported, with the first as related information: one copied entity gives one finding.`,
  over: 'model',
  check(model, { report }) {
    for (const group of model.index.duplicates()) {
      const first = group[0]!;
      for (const e of group.slice(1)) {
        report({
          span: e.idSpan,
          message: `Duplicate ${e.kind} id '${e.id}': already defined at ${model.where(first.idSpan)}. Ids must be unique within a kind; rename one.`,
          related: [{ span: first.idSpan, message: `first '${first.id}'` }],
          // What the copy holds (nested ids, addresses, refs) repeats the first definition.
          covers: { file: e.node.file, start: e.node.start, end: e.node.end },
        });
      }
    }
  },
});
