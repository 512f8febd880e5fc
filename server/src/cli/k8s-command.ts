import * as path from 'node:path';
import { loadConfig } from '../core/analysis';
import { planNewService, SCAFFOLD_GENERATOR, type NewServiceOptions } from '../core/kubernetes/scaffold';
import type { Plan } from '../core/output/plan';
import { Workspace } from '../core/workspace/workspace';
import { NodeFileSystem } from '../node/node-fs';
import { applyPlan } from '../node/writer';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './check-command';

export const K8S_HELP = `usage: strata k8s new <name> [options]

Writes a Kubernetes service folder (kubernetes/base/<name>/, or the folder kubernetes.base of
.strata.yaml names) and its Flux Kustomization (flux/apps/<name>.yaml), compliant with every
house pattern. An existing folder or Kustomization is never overwritten.

options:
  --exposed          add an IngressRoute (Traefik, letsencrypt, secure TLS options, external-dns)
  --storage SIZE     add a zfs-storage PersistentVolumeClaim of SIZE (e.g. 20Gi) mounted at /data
  --metrics          name a Service port metrics and add a ServiceMonitor
  --secrets          add an ExternalSecret reading homelab/<name>
  --image IMAGE:TAG  the container image, pinned (default: a placeholder to replace)
  --port N           the container port (default 8080)
  --domain DOMAIN    public domain of the host <name>.DOMAIN (default: learnt from existing routes)
  --dir DIR          the repository (default: the current directory)
  --dry-run          list the files that would be written; write nothing
  --diff             print them as a diff; write nothing

exit status: 0 written (or previewed), 1 refused (the folder exists, or a file is in the way), 2 usage error
`;

export function k8sCommand(argv: string[], io: CommandIO): number {
  const args = parseArgs(argv, new Set(['storage', 'image', 'port', 'domain', 'dir']), new Set(['exposed', 'metrics', 'secrets', 'dry-run', 'diff', 'help']));
  const [sub, name, ...extra] = args.positionals;
  if (args.flags.has('help') || sub === undefined) {
    io.out(K8S_HELP);
    return sub === undefined && !args.flags.has('help') ? 2 : 0;
  }
  if (sub !== 'new') throw new UsageError(`unknown k8s command '${sub}' (known: new)`);
  if (!name) throw new UsageError('k8s new needs a service name');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if (args.flags.has('dry-run') && args.flags.has('diff')) throw new UsageError('--dry-run and --diff exclude each other');
  const last = (k: string) => args.flags.get(k)?.at(-1);
  const portText = last('port');
  if (portText !== undefined && !/^\d+$/.test(portText)) throw new UsageError(`--port must be a number, not '${portText}'`);
  const dir = path.resolve(last('dir') ?? '.');
  const nfs = new NodeFileSystem(dir);
  if (nfs.stat('').type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
  const ws = new Workspace(nfs);
  const options: NewServiceOptions = {
    name,
    exposed: args.flags.has('exposed'),
    metrics: args.flags.has('metrics'),
    secrets: args.flags.has('secrets'),
    ...(last('storage') !== undefined ? { storage: last('storage')! } : {}),
    ...(last('image') !== undefined ? { image: last('image')! } : {}),
    ...(portText !== undefined ? { port: Number(portText) } : {}),
    ...(last('domain') !== undefined ? { domain: last('domain')! } : {}),
  };
  const planned = planNewService(ws, loadConfig(ws).config, options);
  if (!planned.ok) {
    io.err(`strata k8s new: ${planned.error}\n`);
    return 1;
  }
  const plan: Plan = { runs: [{ generator: SCAFFOLD_GENERATOR, status: 'ran', inputHash: '', sources: [], files: planned.files, diagnostics: [], ms: 0 }], prepareMs: 0 };
  const write = (mode: 'write' | 'dry-run' | 'diff') => applyPlan(plan, { outDir: dir, mode, tool: 'strata', toolVersion: io.version, manifest: false });
  // Preview first: if any file is in the way, nothing at all is written.
  const preview = write(args.flags.has('diff') ? 'diff' : 'dry-run');
  const inTheWay = preview.changes.filter((c) => c.status !== 'new');
  for (const c of inTheWay) io.err(`strata k8s new: ${c.path}: ${c.reason ?? c.status}; nothing written\n`);
  if (inTheWay.length) return 1;
  for (const note of planned.notes) io.err(`note: ${note}\n`);
  if (args.flags.has('diff')) {
    for (const c of preview.changes) if (c.diff) io.out(c.diff);
    return 0;
  }
  if (args.flags.has('dry-run')) {
    for (const c of preview.changes) io.out(`  ${c.status.padEnd(4)} ${String(c.size).padStart(6)} B  ${c.path}\n`);
    io.out(`dry-run: ${preview.changes.length} files to write\n`);
    return 0;
  }
  const report = write('write');
  for (const c of report.changes) io.out(`  created ${c.path}\n`);
  io.out(`service ${name}: ${report.changes.length} files written; check them with: strata check --only k8s\n`);
  return 0;
}
