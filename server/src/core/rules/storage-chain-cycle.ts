import { storageLoops } from '../model/storage-chain';
import { defineRule } from './rule';

export const storageChainCycle = defineRule({
  id: 'storage-chain-cycle',
  severity: 'error',
  category: 'storage',
  description: 'The storage chain loops back onto itself, so it never reaches a disk.',
  docs: `Every link of the storage chain leads one step down (endpoint → logical volume → volume group → partition → attachment → disk → device), so following the links from any entity must end on a device. A loop (for example a partition whose \`media_attachment_ref\` names the filesystem that lies on it) means the data rests on itself: walks, hovers and generators that follow the chain never reach the metal.

A loop can only be closed by a link naming an entity of another chain kind; \`ref-wrong-kind\` reports that field, and this rule reports the loop once, on the link that closes it, listing every member with its file and line. Fix the link that points back up.`,
  over: 'model',
  check(model, { report }) {
    for (const loop of storageLoops(model)) {
      const closing = loop.links[loop.links.length - 1]!;
      const path = [...loop.members, loop.members[0]!].map((m) => `${m.kind} '${m.id}' (${model.where(m.idSpan)})`).join(' → ');
      report({
        span: closing.span,
        message: `The storage chain loops: ${path}. \`${closing.field}\` of '${closing.from.id}' names '${closing.value}', which rests on '${closing.from.id}' itself, so the chain never reaches a disk. Point \`${closing.field}\` at what '${closing.from.id}' really lies on.`,
        related: loop.members.map((m) => ({ span: m.idSpan, message: `${m.kind} '${m.id}'` })),
        data: { members: loop.members.map((m) => m.id) },
      });
    }
  },
});
