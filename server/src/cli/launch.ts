#!/usr/bin/env node
/**
 * The `strata` executable: runs the bundled program (`strata.js` beside it) through a V8 code
 * cache, so a run after the first skips compiling its 1.3 MB of minified JavaScript (about a third
 * of a small `strata check`). The cache lives in `$STRATA_CACHE_DIR`, else `$XDG_CACHE_HOME/strata`
 * or `~/.cache/strata`; V8 refuses a cache made for other code or another Node.js, and it is then
 * written again. `STRATA_NO_CODE_CACHE=1` turns it off. Any problem with the cache only costs speed.
 * Not Node's `module.enableCompileCache()`: that caches the code compiled while loading (a fifth of
 * what this cache holds, which is made at exit): a small `strata check` took about 30% longer with it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Commands that run most of the program: the cache made at their end holds its compiled code. */
const FULL_RUNS = new Set(['check', 'generate', 'migrate', 'graph', 'lsp']);

const program = join(__dirname, 'strata.js');
const source = readFileSync(program, 'utf8');
const useCache = process.env.STRATA_NO_CODE_CACHE !== '1';
const cacheFile = useCache ? join(cacheDir(), `code-${createHash('sha1').update(`${program}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16)}.bin`) : undefined;
const cached = cacheFile ? readOrUndefined(cacheFile) : undefined;

const script = new Script(Module.wrap(source), { filename: program, ...(cached ? { cachedData: cached } : {}) });
if (cacheFile && (!cached || script.cachedDataRejected) && FULL_RUNS.has(process.argv[2] ?? '')) {
  process.once('exit', () => writeCache(cacheFile, script));
}

const mod = new Module(program, module);
mod.filename = program;
mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(mod.exports, mod.exports, Module.createRequire(program), mod, program, __dirname);

function cacheDir(): string {
  if (process.env.STRATA_CACHE_DIR) return process.env.STRATA_CACHE_DIR;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'strata');
  const home = homedir();
  return home ? join(home, '.cache', 'strata') : join(tmpdir(), 'strata-cache');
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: concurrent runs never read half a cache. */
function writeCache(file: string, compiled: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, compiled.createCachedData());
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}
