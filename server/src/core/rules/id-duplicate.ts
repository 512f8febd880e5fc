import { defineRule } from './rule';

export const idDuplicate = defineRule({
  id: 'id-duplicate',
  severity: 'error',
  category: 'reference',
  description: 'Two entities of one kind share an id.',
  docs: 'Ids identify entities across files; two with the same id make every reference to it ambiguous. Storage slots only need unique ids within their device. Each occurrence is reported with the others as related information.',
  check({ model, report }) {
    for (const group of model.index.duplicates()) {
      for (const e of group) {
        const others = group.filter((o) => o !== e);
        report({
          span: e.idSpan,
          message: `Duplicate ${e.kind} id '${e.id}': also defined at ${others.map((o) => model.where(o.idSpan)).join(', ')}. Ids must be unique within a kind; rename one.`,
          related: others.map((o) => ({ span: o.idSpan, message: `also '${o.id}'` })),
        });
      }
    }
  },
});
