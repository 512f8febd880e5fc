import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text/line-index';
import { rng } from '../helpers/rng';

describe('line index', () => {
  it('isAt answers as position does, for every offset of texts with \\n, \\r\\n and \\r line ends (seed 5)', () => {
    const r = rng(5);
    const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', 'é', '\n\n'];
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let i = Math.floor(r() * 30); i > 0; i--) text += pieces[Math.floor(r() * pieces.length)];
      const index = new LineIndex(text);
      for (let o = -1; o <= text.length + 1; o++) {
        const p = index.position(o);
        assert.ok(index.isAt(o, p), `${JSON.stringify(text)} at ${o}`);
        for (const [dl, dc] of [
          [0, 1],
          [0, -1],
          [1, 0],
          [-1, 0],
          [1, -p.character],
        ]) {
          const q = { line: p.line + dl!, character: p.character + dc! };
          assert.ok(!index.isAt(o, q), `${JSON.stringify(text)}: ${o} is not at ${q.line}:${q.character}`);
        }
      }
    }
  });
});
