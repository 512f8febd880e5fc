import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFileWrites, writeFileAtomic, type FileOps } from '../../server/src/node/atomic-files';
import { applyPlan } from '../../server/src/node/writer';
import { writeScaffold } from '../../server/src/node/scaffold-service';

const modeOf = (f: string) => fs.statSync(f).mode & 0o777;

/** fs, with every call of the writer logged and any call replaceable. */
function recording(overrides: Partial<Record<keyof FileOps, (...args: never[]) => unknown>> = {}): { ops: FileOps; calls: { name: string; args: unknown[] }[] } {
  const calls: { name: string; args: unknown[] }[] = [];
  const ops = new Proxy(fs, {
    get(target, name: string) {
      const real = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
      const override = (overrides as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
      return (...args: unknown[]) => {
        calls.push({ name, args });
        return override ? override(...args) : real.apply(target, args);
      };
    },
  }) as FileOps;
  return { ops, calls };
}

describe('atomic writer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'strata-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('keeps the file mode', () => {
    it('0600 stays 0600 and 0755 stays 0755; a new file gets the default of the umask', () => {
      for (const mode of [0o600, 0o755, 0o640]) {
        const f = join(dir, `m${mode.toString(8)}`);
        fs.writeFileSync(f, 'old\n');
        fs.chmodSync(f, mode);
        writeFileAtomic(f, 'new\n');
        assert.equal(fs.readFileSync(f, 'utf8'), 'new\n');
        assert.equal(modeOf(f).toString(8), mode.toString(8));
      }
      const umask = process.umask();
      writeFileAtomic(join(dir, 'fresh'), 'x');
      assert.equal(modeOf(join(dir, 'fresh')).toString(8), (0o666 & ~umask).toString(8));
    });

    it('through the generators writer and the migrations writer', () => {
      const out = join(dir, 'out');
      const plan = (content: string) => ({
        runs: [{ generator: 'docs', status: 'ran' as const, inputHash: content, sources: [], files: [{ path: 'docs/a.md', content, generator: 'docs' }], diagnostics: [], ms: 0 }],
        prepareMs: 0,
      });
      applyPlan(plan('A\n'), { outDir: out, mode: 'write', tool: 'strata', toolVersion: 'test' });
      fs.chmodSync(join(out, 'docs/a.md'), 0o600);
      const r = applyPlan(plan('B\n'), { outDir: out, mode: 'write', tool: 'strata', toolVersion: 'test' });
      assert.equal(r.changes[0]!.action, 'written');
      assert.equal(fs.readFileSync(join(out, 'docs/a.md'), 'utf8'), 'B\n');
      assert.equal(modeOf(join(out, 'docs/a.md')).toString(8), '600');

      fs.writeFileSync(join(dir, 'secret.yaml'), 'a: 1\n');
      fs.chmodSync(join(dir, 'secret.yaml'), 0o600);
      applyFileWrites(dir, [{ path: 'secret.yaml', text: 'a: 2\n' }]);
      assert.equal(fs.readFileSync(join(dir, 'secret.yaml'), 'utf8'), 'a: 2\n');
      assert.equal(modeOf(join(dir, 'secret.yaml')).toString(8), '600');
    });
  });

  describe('writes through a symlink', () => {
    it('the target gets the content and the link stays a link (also a chain of links, and a dangling one)', () => {
      fs.mkdirSync(join(dir, 'real'));
      fs.writeFileSync(join(dir, 'real/a.yaml'), 'old\n');
      fs.chmodSync(join(dir, 'real/a.yaml'), 0o600);
      fs.symlinkSync('real/a.yaml', join(dir, 'link1'));
      fs.symlinkSync('link1', join(dir, 'a.yaml'));
      writeFileAtomic(join(dir, 'a.yaml'), 'new\n');
      assert.ok(fs.lstatSync(join(dir, 'a.yaml')).isSymbolicLink());
      assert.ok(fs.lstatSync(join(dir, 'link1')).isSymbolicLink());
      assert.equal(fs.readlinkSync(join(dir, 'a.yaml')), 'link1');
      assert.equal(fs.readFileSync(join(dir, 'real/a.yaml'), 'utf8'), 'new\n');
      assert.equal(modeOf(join(dir, 'real/a.yaml')).toString(8), '600', 'the mode of the target is kept');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['a.yaml', 'link1', 'real']);

      fs.symlinkSync('real/b.yaml', join(dir, 'dangling'));
      writeFileAtomic(join(dir, 'dangling'), 'b\n');
      assert.ok(fs.lstatSync(join(dir, 'dangling')).isSymbolicLink());
      assert.equal(fs.readFileSync(join(dir, 'real/b.yaml'), 'utf8'), 'b\n');
    });

    it('generators and migrations write through links inside their folder, and refuse links that lead outside', () => {
      const out = join(dir, 'out');
      fs.mkdirSync(join(out, 'docs'), { recursive: true });
      fs.mkdirSync(join(dir, 'elsewhere'));
      const plan = (files: Record<string, string>) => ({
        runs: [
          {
            generator: 'docs',
            status: 'ran' as const,
            inputHash: 'h',
            sources: [],
            files: Object.entries(files).map(([path, content]) => ({ path, content, generator: 'docs' })),
            diagnostics: [],
            ms: 0,
          },
        ],
        prepareMs: 0,
      });
      fs.writeFileSync(join(out, 'docs/real.md'), 'R\n');
      fs.symlinkSync('real.md', join(out, 'docs/a.md'));
      fs.symlinkSync(join(dir, 'elsewhere/b.md'), join(out, 'docs/b.md'));
      const r = applyPlan(plan({ 'docs/a.md': 'A\n', 'docs/b.md': 'B\n' }), { outDir: out, mode: 'write', force: true, tool: 'strata', toolVersion: 'test' });
      assert.deepEqual(Object.fromEntries(r.changes.map((c) => [c.path, c.action])), { 'docs/a.md': 'written', 'docs/b.md': 'blocked' });
      assert.ok(fs.lstatSync(join(out, 'docs/a.md')).isSymbolicLink());
      assert.equal(fs.readFileSync(join(out, 'docs/real.md'), 'utf8'), 'A\n');
      assert.match(r.changes[1]!.reason!, /link outside the output folder/);
      assert.deepEqual(fs.readdirSync(join(dir, 'elsewhere')), []);

      fs.writeFileSync(join(dir, 'L1.yaml'), 'a: 1\n');
      fs.symlinkSync('L1.yaml', join(dir, 'topology.yaml'));
      applyFileWrites(dir, [{ path: 'topology.yaml', text: 'a: 2\n' }]);
      assert.ok(fs.lstatSync(join(dir, 'topology.yaml')).isSymbolicLink());
      assert.equal(fs.readFileSync(join(dir, 'L1.yaml'), 'utf8'), 'a: 2\n');
      const ws = join(dir, 'ws');
      fs.mkdirSync(ws);
      fs.symlinkSync(join(dir, 'L1.yaml'), join(ws, 'out.yaml'));
      assert.throws(() => applyFileWrites(ws, [{ path: 'out.yaml', text: 'x\n' }]), /outside the workspace/);
      assert.equal(fs.readFileSync(join(dir, 'L1.yaml'), 'utf8'), 'a: 2\n');
    });
  });

  it('flushes the temp file to disk before renaming it into place', () => {
    const f = join(dir, 'a.yaml');
    fs.writeFileSync(f, 'old\n');
    const { ops, calls } = recording();
    writeFileAtomic(f, 'new\n', ops);
    const open = calls.find((c) => c.name === 'openSync')!;
    const tmp = open.args[0] as string;
    const names = calls.map((c) => c.name).filter((n) => ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync'].includes(n));
    assert.deepEqual(names, ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync']);
    const fsync = calls.find((c) => c.name === 'fsyncSync')!;
    const write = calls.find((c) => c.name === 'writeSync')!;
    assert.equal(fsync.args[0], write.args[0], 'the fsync is of the temp file written');
    assert.deepEqual(calls.find((c) => c.name === 'renameSync')!.args, [tmp, f]);
    assert.equal(fs.readFileSync(f, 'utf8'), 'new\n');
  });

  describe('never leaves a temp file behind', () => {
    const failures: [string, Partial<Record<keyof FileOps, (...args: never[]) => unknown>>][] = [
      [
        'a write that fails halfway (disk full after the first bytes)',
        (() => {
          let n = 0;
          return {
            writeSync: ((fd: number, buf: Uint8Array, off: number) => {
              if (n++ > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
              return fs.writeSync(fd, buf, off, 3);
            }) as never,
          };
        })(),
      ],
      [
        'a failed fsync',
        {
          fsyncSync: (() => {
            throw Object.assign(new Error('EIO'), { code: 'EIO' });
          }) as never,
        },
      ],
      [
        'a failed rename',
        {
          renameSync: (() => {
            throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
          }) as never,
        },
      ],
    ];
    for (const [name, override] of failures) {
      it(`${name}: the error is thrown, the old file is intact, no temp file stays`, () => {
        const f = join(dir, 'a.yaml');
        fs.writeFileSync(f, 'old content\n');
        const { ops } = recording(override);
        assert.throws(() => writeFileAtomic(f, 'new content that is long enough to need two writes\n', ops));
        assert.deepEqual(fs.readdirSync(dir), ['a.yaml']);
        assert.equal(fs.readFileSync(f, 'utf8'), 'old content\n');
      });
    }

    it('a real failure: the target is a folder', () => {
      fs.mkdirSync(join(dir, 'a.yaml'));
      fs.writeFileSync(join(dir, 'a.yaml/inner'), 'x');
      assert.throws(() => writeFileAtomic(join(dir, 'a.yaml'), 'new\n'));
      assert.deepEqual(fs.readdirSync(dir), ['a.yaml']);
      assert.deepEqual(fs.readdirSync(join(dir, 'a.yaml')), ['inner']);
    });

    it('a failed write in a migration removes no file: deletions wait until every write succeeded', () => {
      fs.writeFileSync(join(dir, 'old.yaml'), 'keep\n');
      fs.mkdirSync(join(dir, 'blocked.yaml'));
      fs.writeFileSync(join(dir, 'blocked.yaml/inner'), 'x');
      assert.throws(() =>
        applyFileWrites(dir, [
          { path: 'ok.yaml', text: 'ok\n' },
          { path: 'blocked.yaml', text: 'y\n' },
          { path: 'old.yaml', text: undefined },
        ]),
      );
      assert.equal(fs.readFileSync(join(dir, 'old.yaml'), 'utf8'), 'keep\n');
      assert.deepEqual(
        fs.readdirSync(dir).filter((n) => n.includes('strata-tmp')),
        [],
      );
    });
  });

  describe('removes only files it wrote', () => {
    it('a temp name someone else took first is left alone', () => {
      const f = join(dir, 'a.yaml');
      fs.writeFileSync(f, 'old\n');
      let taken: string | undefined;
      const { ops, calls } = recording({
        openSync: ((p: string, flags: string, mode: number) => {
          // Another process creates the very name first: the exclusive open fails.
          taken = p;
          fs.writeFileSync(p, 'not ours\n');
          return fs.openSync(p, flags, mode);
        }) as never,
      });
      assert.throws(() => writeFileAtomic(f, 'new\n', ops), /EEXIST/);
      assert.equal(fs.readFileSync(taken!, 'utf8'), 'not ours\n');
      assert.deepEqual(
        calls.filter((c) => c.name === 'unlinkSync'),
        [],
      );
      assert.equal(fs.readFileSync(f, 'utf8'), 'old\n');
    });

    it('the scaffold writes nothing when a file is in the way, and removes nothing of the user', () => {
      fs.mkdirSync(join(dir, 'kubernetes/base/web'), { recursive: true });
      fs.writeFileSync(join(dir, 'kubernetes/base/web/kustomization.yaml'), 'mine\n');
      const r = writeScaffold(
        dir,
        [
          { path: 'kubernetes/base/web/kustomization.yaml', content: 'planned\n', generator: 'k8s-scaffold' },
          { path: 'kubernetes/base/web/deployment.yaml', content: 'd\n', generator: 'k8s-scaffold' },
        ],
        'write',
        'test',
      );
      assert.equal(r.ok, false);
      assert.deepEqual(fs.readdirSync(join(dir, 'kubernetes/base/web')), ['kustomization.yaml']);
      assert.equal(fs.readFileSync(join(dir, 'kubernetes/base/web/kustomization.yaml'), 'utf8'), 'mine\n');
    });
  });
});
