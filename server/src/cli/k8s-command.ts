import { loadConfig, planNewService, Workspace, type NewServiceOptions } from '../core';
import { NodeFileSystem } from '../node/node-fs';
import { writeScaffold } from '../node/scaffold-service';
import { commandHelp, defineCommand, didYouMean, shellWord, UsageError, workspaceDir, type Args, type CommandIO } from './args';

export const k8sCommand = defineCommand({
  name: 'k8s',
  usage: 'k8s new NAME [DIR] [options]',
  summary: 'write a compliant Kubernetes service folder and its Flux Kustomization',
  about: `Writes a Kubernetes service folder (kubernetes/base/NAME/, or the folder kubernetes.base of
.strata.yaml names) and its Flux Kustomization (flux/apps/NAME.yaml) into the repository DIR
(default: the current directory), compliant with every house pattern. An existing folder or
Kustomization is never overwritten.`,
  options: {
    exposed: { type: 'boolean', help: 'add an IngressRoute (Traefik, letsencrypt, secure TLS options, external-dns)' },
    storage: { type: 'string', value: 'SIZE', help: 'add a zfs-storage PersistentVolumeClaim of SIZE (e.g. 20Gi) mounted at /data' },
    metrics: { type: 'boolean', help: 'name a Service port metrics and add a ServiceMonitor' },
    secrets: { type: 'boolean', help: 'add an ExternalSecret reading homelab/NAME' },
    image: { type: 'string', value: 'IMAGE:TAG', help: 'the container image, pinned (default: a placeholder to replace)' },
    port: { type: 'string', value: 'N', help: 'the container port (default 8080)' },
    domain: { type: 'string', value: 'DOMAIN', help: 'public domain of the host NAME.DOMAIN (default: learnt from existing routes)' },
    'dry-run': { type: 'boolean', help: 'list the files that would be written; write nothing' },
    diff: { type: 'boolean', help: 'print them as a diff; write nothing' },
    dir: { type: 'string', value: 'DIR', help: 'deprecated: pass DIR after NAME' },
  },
  maxPositionals: 3,
  exit: 'exit status: 0 written (or previewed), 1 refused (the folder exists, or a file is in the way), 2 usage error',
  run: runK8s,
});

function runK8s(args: Args<'exposed' | 'storage' | 'metrics' | 'secrets' | 'image' | 'port' | 'domain' | 'dry-run' | 'diff' | 'dir'>, io: CommandIO): number {
  const [sub, name, dirArg] = args.positionals;
  if (sub === undefined) {
    io.err(commandHelp(k8sCommand));
    return 2;
  }
  if (sub !== 'new') throw new UsageError(`unknown k8s command '${sub}'${didYouMean(sub, ['new'])} (known: new)`);
  if (!name) throw new UsageError('k8s new needs a service name');
  if (args.flag('dry-run') && args.flag('diff')) throw new UsageError('--dry-run and --diff exclude each other');
  const last = (k: 'storage' | 'image' | 'port' | 'domain') => args.string(k);
  const portText = last('port');
  if (portText !== undefined && !/^\d+$/.test(portText)) throw new UsageError(`--port must be a number, not '${portText}'`);
  const legacyDir = args.string('dir');
  if (legacyDir !== undefined && dirArg !== undefined) throw new UsageError('give DIR once: after NAME (--dir is its deprecated spelling)');
  if (legacyDir !== undefined) io.err(`strata k8s new: --dir is deprecated; pass the folder after the name: strata k8s new ${name} ${legacyDir}\n`);
  const dir = workspaceDir(dirArg ?? legacyDir, io);
  const nfs = new NodeFileSystem(dir);
  const ws = new Workspace(nfs);
  const options: NewServiceOptions = {
    name,
    exposed: args.flag('exposed'),
    metrics: args.flag('metrics'),
    secrets: args.flag('secrets'),
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
  const mode = args.flag('diff') ? 'diff' : args.flag('dry-run') ? 'dry-run' : 'write';
  const written = writeScaffold(dir, planned.files, mode, io.version);
  if (!written.ok) {
    for (const c of written.inTheWay) io.err(`strata k8s new: ${c.path}: ${c.reason ?? c.status}; nothing written\n`);
    return 1;
  }
  for (const note of planned.notes) io.err(`note: ${note}\n`);
  const preview = written.report;
  if (mode === 'diff') {
    for (const c of preview.changes) if (c.diff) io.out(c.diff);
    return 0;
  }
  if (mode === 'dry-run') {
    for (const c of preview.changes) io.out(`  ${c.status.padEnd(4)} ${String(c.size).padStart(6)} B  ${c.path}\n`);
    io.out(`dry-run: ${preview.changes.length} files to write\n`);
    return 0;
  }
  const report = written.report;
  for (const c of report.changes) io.out(`  created ${c.path}\n`);
  io.out(`service ${name}: ${report.changes.length} files written; check them with: strata check ${shellWord(dirArg ?? legacyDir ?? '.')} --only k8s\n`);
  return 0;
}
