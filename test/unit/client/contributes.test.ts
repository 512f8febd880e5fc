/**
 * package.json `contributes` is the one declaration of commands and settings. These checks hold it
 * to the shared command-id modules, to what `.strata.yaml` accepts, and to the README tables.
 */
import { GENERATOR_NAMES } from '../../../server/src/core/generator-names';
import { COMMAND_TABLE, COMMANDS, paletteCommands, WRITES_FILES } from '../../../shared/commands';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_LEVELS } from '../../../client/src/log-level';
import { CONFIG_FILE, parseConfig, isSeverity } from '../../../server/src/core/config/strata-config';
import { RULES_BY_ID } from '../../../server/src/core/rules/registry';

const REPO = join(__dirname, '../../../..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: {
      properties: Record<string, { markdownDescription: string; default: unknown; scope?: string; enum?: string[]; items?: { enum?: string[] }; properties?: Record<string, { enum?: string[] }> }>;
    };
    yamlValidation: { fileMatch: string[]; url: string }[];
    grammars: { scopeName: string; path: string; injectTo: string[] }[];
    walkthroughs: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown: string }; completionEvents?: string[] }[] }[];
  };
};
const contributed = new Map(pkg.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
const settings = pkg.contributes.configuration.properties;
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

describe('package.json contributes', () => {
  it('contributes exactly the palette commands of the command table, in its order, with titles and icons', () => {
    assert.deepEqual(pkg.contributes.commands, paletteCommands());
  });

  it('has one Regenerate command per generator; commands that write files are contributed; the client runs its own', () => {
    for (const g of GENERATOR_NAMES) assert.ok(contributed.has(COMMANDS.regenerate[g]), `no command for generator ${g}`);
    for (const id of WRITES_FILES) assert.ok(contributed.has(id), `${id} writes files but is not contributed`);
    const client = COMMAND_TABLE.filter((c) => c.runs === 'client').map((c) => c.id);
    assert.deepEqual(client, [COMMANDS.restartServer, COMMANDS.showLog]);
  });

  it('activates on topology.yaml, .strata.yaml (whose `root` may name another file) or kubernetes/base/ (commands activate by themselves)', () => {
    assert.ok(pkg.activationEvents.includes('workspaceContains:topology.yaml'));
    assert.ok(pkg.activationEvents.includes(`workspaceContains:${CONFIG_FILE}`));
    assert.ok(pkg.activationEvents.some((e) => e.startsWith('workspaceContains:kubernetes/base/')));
  });

  it('supports untrusted workspaces in a limited way, ignoring the folder settings there', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(settings[key], `${key} is not a setting`);
  });

  it('every setting says how it relates to .strata.yaml, and the .strata.yaml key it names exists', () => {
    const samples: Record<string, string> = {
      root: 'root: other.yaml',
      output: 'output: out',
      'kubernetes.base': 'kubernetes:\n  base: k8s/base',
      generators: `generators: [${GENERATOR_NAMES[0]}]`,
      rules: 'rules:\n  ref-unknown: warning',
    };
    for (const [key, s] of Object.entries(settings)) {
      const named = /(?:Overrides|Merged over) `([\w.]+)` in `\.strata\.yaml`/.exec(s.markdownDescription)?.[1];
      if (!named) {
        assert.match(s.markdownDescription, /Editor only: no `\.strata\.yaml` counterpart/, `${key} says neither which .strata.yaml key it overrides nor that it is editor-only`);
        continue;
      }
      const yaml = samples[named];
      assert.ok(yaml, `${key} names \`${named}\`, which this test has no sample for`);
      const { findings } = parseConfig(yaml, new Set(RULES_BY_ID.keys()));
      assert.deepEqual(findings, [], `.strata.yaml rejects \`${named}\` (named by ${key})`);
      assert.equal(s.default, key === 'strata.rules' ? s.default : null, `${key} must default to null so .strata.yaml decides when it is unset`);
    }
  });

  it('enumerations match the engine: generator names, severities, log levels', () => {
    assert.deepEqual(settings['strata.generate.enabled']?.items?.enum, [...GENERATOR_NAMES]);
    const rules = Object.values(settings['strata.rules']?.properties ?? {});
    assert.ok(rules.length > 0 && rules.every((r) => r.enum?.length === 5 && r.enum.every(isSeverity)));
    assert.deepEqual(settings['strata.server.logLevel']?.enum, [...LOG_LEVELS]);
  });

  it('the grammar and the schema it points to are files that ship', () => {
    for (const g of pkg.contributes.grammars) {
      assert.ok(existsSync(join(REPO, g.path)), g.path);
      assert.equal(JSON.parse(readFileSync(join(REPO, g.path), 'utf8')).scopeName, g.scopeName);
    }
    for (const v of pkg.contributes.yamlValidation) assert.ok(existsSync(join(REPO, v.url)), v.url);
  });

  it('the walkthrough opens a topology, shows a problem, fixes it and regenerates, each step with its page', () => {
    const [walkthrough, ...others] = pkg.contributes.walkthroughs;
    assert.ok(walkthrough && others.length === 0);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['open-topology', 'see-a-problem', 'quick-fix', 'regenerate'],
    );
    /** Workbench commands the steps link to; every other link is a Strata command. */
    const builtIn = new Set(['workbench.action.quickOpen', 'workbench.actions.view.problems']);
    for (const step of walkthrough.steps) {
      const page = join(REPO, step.media.markdown);
      assert.ok(existsSync(page) && /^# /.test(readFileSync(page, 'utf8')), `${step.id}: ${step.media.markdown} is not a Markdown page`);
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g), ...(step.completionEvents ?? []).map((e) => /^onCommand:(.+)$/.exec(e))].flatMap((m) => (m ? [m[1]!] : []));
      assert.ok(linked.length > 0, `${step.id} links to nothing`);
      for (const id of linked) assert.ok(builtIn.has(id) || contributed.has(id), `${step.id} links to ${id}, which is neither contributed nor a known workbench command`);
    }
    assert.ok(walkthrough.steps.some((s) => s.description.includes(`command:${COMMANDS.regenerateAll}`)));
  });

  it('contributes exactly the points these tests hold: a new one needs its test', () => {
    // commands, menus, configuration: above; configurationDefaults: custom-tags.test.ts; yamlValidation:
    // yaml-validation.test.ts and config-schema.test.ts; taskDefinitions, problemMatchers:
    // check-task.test.ts; walkthroughs: above; grammars: above and grammar.test.ts.
    assert.deepEqual(Object.keys(pkg.contributes).sort(), [
      'commands',
      'configuration',
      'configurationDefaults',
      'grammars',
      'menus',
      'problemMatchers',
      'taskDefinitions',
      'walkthroughs',
      'yamlValidation',
    ]);
  });

  it('README lists every command and every setting', () => {
    for (const title of contributed.values()) assert.ok(readme.includes(`| ${title} |`), `README has no row for command "${title}"`);
    for (const key of Object.keys(settings)) assert.ok(readme.includes(`| \`${key}\` |`), `README has no row for setting ${key}`);
  });
});
