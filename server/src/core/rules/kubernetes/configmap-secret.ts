import { deref, get } from '../../workspace/nodes';
import { SECRET_WORD } from '../../kubernetes/patterns';
import { asMap } from '../../kubernetes/resource';
import { defineRule } from '../rule';
import { code } from './helpers';

/** `password: hunter2`, `API_TOKEN=abc` inside a config file value; placeholders like `${X}` are fine. */
const ASSIGNMENT = /\b([A-Za-z0-9_.-]*(?:password|passwd|token|secret|api[-_]?key|private[-_]?key|access[-_]?key)[A-Za-z0-9_.-]*)\s*[:=]\s*["']?([^\s"'#]+)/gi;
const CREDENTIAL_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s@/]+)@/gi;
const PLACEHOLDER = /^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|\{\{.*\}\}|changeme|null|~|""|'')$/i;

export const configmapSecret = defineRule({
  over: 'kubernetes',
  id: 'k8s-configmap-secret',
  severity: 'error',
  category: 'kubernetes',
  pattern: 9,
  description: 'A ConfigMap holds a key or value that looks like a secret (password, token, key, secret).',
  docs: `Pattern 9 (and 3): ConfigMaps hold non-sensitive configuration only; never put secrets in them. A key named
like \`password\`, \`token\`, \`api_key\` or \`secret\`, an assignment of such a name inside a config file, or a URL with
a password is reported. Move the value to Vault (\`homelab/<service>\`) and read it through the ExternalSecret;
placeholders such as \`\${DB_PASSWORD}\` are fine.`,
  check(project, { report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        if (r.kind !== 'ConfigMap') continue;
        for (const section of ['data', 'binaryData']) {
          const m = asMap(get(r.root, section));
          for (const e of m?.entries ?? []) {
            if (SECRET_WORD.test(e.key)) {
              report({
                span: { file: r.file, start: e.keyStart, end: e.keyEnd },
                message: `ConfigMap ${code(r.name ?? '')} has key ${code(e.key)}, which looks like a secret; pattern 9 keeps secrets out of ConfigMaps. Move it to Vault (${code(`homelab/${svc.name}`)}) and read it through the ExternalSecret.`,
              });
              continue;
            }
            const v = deref(e.value);
            if (v?.kind !== 'scalar' || typeof v.value !== 'string') continue;
            const src = r.text.slice(v.start, v.end);
            for (const re of [ASSIGNMENT, CREDENTIAL_URL]) {
              re.lastIndex = 0;
              for (const m2 of src.matchAll(re)) {
                const value = re === ASSIGNMENT ? m2[2]! : m2[1]!;
                if (PLACEHOLDER.test(value) || /^\$/.test(value)) continue;
                // `token_file: /run/secrets/token` names where a secret is, not the secret.
                if (re === ASSIGNMENT && (/^[./~]/.test(value) || /(file|path|dir|url|uri|endpoint|ttl|timeout|length|expiry)$/i.test(m2[1]!))) continue;
                const at = v.start + m2.index! + m2[0].lastIndexOf(value);
                report({
                  span: { file: r.file, start: at, end: at + value.length },
                  message: `${re === ASSIGNMENT ? `${code(m2[1])} in` : 'A URL with a password in'} ${code(e.key)} of ConfigMap ${code(r.name ?? '')} looks like a hardcoded secret; pattern 9 keeps secrets out of ConfigMaps. Read it from the ExternalSecret (e.g. an environment variable) instead.`,
                });
              }
            }
          }
        }
      }
    }
  },
});
