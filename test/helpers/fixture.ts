/**
 * Fixture text format (one file holds a whole multi-file workspace):
 *
 *   //- topology/L1-foundation.yaml        starts a file
 *   devices:
 *   - id: gamayun
 *     location: nowhere
 *   #           ^^^^^^^ error[ref-unknown]: no location     expects a finding on the line above,
 *                                                             at the carets' columns
 *   ^^^^^^ warning[rule-id]                                   carets at the line start mark column 0
 *   $0                                                       marks the cursor (removed from the text)
 *
 * Annotation lines are removed before analysis, so line numbers are those of the real file.
 */
export interface Expectation {
  file: string;
  line: number;
  start: number;
  end: number;
  severity: string;
  code: string;
  message?: string;
}

export interface Fixture {
  files: Record<string, string>;
  expectations: Expectation[];
  cursor?: { file: string; line: number; character: number; offset: number };
}

const ANNOTATION = /^(\s*#\s*|)(\^+)\s+(error|warning|info|hint)\[([a-z0-9-]+)\](?::\s*(.*))?\s*$/;

export function parseFixture(text: string, defaultFile = 'topology.yaml'): Fixture {
  const files: Record<string, string> = {};
  const expectations: Expectation[] = [];
  let cursor: Fixture['cursor'];
  let current = defaultFile;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0 && files[current] === undefined) return;
    let body = lines.join('\n');
    if (body.length > 0 && !body.endsWith('\n')) body += '\n';
    const at = body.indexOf('$0');
    if (at >= 0) {
      const before = body.slice(0, at);
      const line = before.split('\n').length - 1;
      cursor = { file: current, line, character: at - (before.lastIndexOf('\n') + 1), offset: at };
      body = body.slice(0, at) + body.slice(at + 2);
    }
    files[current] = body;
  };
  for (const raw of text.split('\n')) {
    const sep = /^\/\/- (\S+)\s*$/.exec(raw);
    if (sep) {
      flush();
      current = sep[1]!;
      lines = [];
      continue;
    }
    const ann = ANNOTATION.exec(raw);
    if (ann) {
      const line = lines.length - 1;
      if (line < 0) throw new Error(`annotation before any line in ${current}: ${raw}`);
      const start = ann[1]!.length;
      expectations.push({ file: current, line, start, end: start + ann[2]!.length, severity: ann[3]!, code: ann[4]!, ...(ann[5] ? { message: ann[5] } : {}) });
      continue;
    }
    lines.push(raw);
  }
  flush();
  return { files, expectations, ...(cursor ? { cursor } : {}) };
}
