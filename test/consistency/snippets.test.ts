// The snippets in snippets/*.json insert text the rest of the tool accepts: every control ID
// they carry is a real 2022 control, every choice list matches the values the server checks,
// and each snippet, expanded with its defaults, parses cleanly as a policy, SoA or risk register.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

type Core = typeof import('../../server/src/core/catalogue') &
  typeof import('../../server/src/core/markdown') &
  typeof import('../../server/src/core/soa') &
  typeof import('../../server/src/core/risks');
let core: Core;

interface Snippet { prefix: string | string[]; body: string | string[]; description: string }

function loadSnippets(name: string): Record<string, Snippet> {
  const text = readFileSync(join(root, 'snippets', name), 'utf8');
  return JSON.parse(text) as Record<string, Snippet>;
}

const files = { 'markdown.json': loadSnippets('markdown.json'), 'yaml.json': loadSnippets('yaml.json') };
const bodyText = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

/** Values for the snippet variables the bodies use, fixed so the test does not depend on today. */
const VARIABLES: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '03', CURRENT_DATE: '09' };

/**
 * Expands a snippet the way VS Code does when the user accepts every default: a placeholder
 * becomes its default, a choice its first option, a mirror ($1, ${1}) the value given earlier,
 * a variable its value, and $0 nothing.
 */
function expand(body: string): string {
  const values = new Map<string, string>();
  let i = 0;
  const parse = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < body.length) {
      const rest = body.slice(i);
      let m: RegExpExecArray | null;
      if (rest[0] === '\\') {
        out += rest[1] ?? '';
        i += 2;
      } else if (inPlaceholder && rest[0] === '}') {
        return out;
      } else if ((m = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest))) {
        out += values.get(m[1] ?? m[2]) ?? '';
        i += m[0].length;
      } else if ((m = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest))) {
        const first = m[2].split(',')[0];
        if (!values.has(m[1])) values.set(m[1], first);
        out += first;
        i += m[0].length;
      } else if ((m = /^\$\{(\d+):/.exec(rest))) {
        i += m[0].length;
        const value = parse(true);
        assert.equal(body[i], '}', `placeholder ${m[1]} is closed`);
        i++;
        if (!values.has(m[1])) values.set(m[1], value);
        out += value;
      } else if ((m = /^\$([A-Z_]+)|^\$\{([A-Z_]+)\}/.exec(rest))) {
        const name = m[1] ?? m[2];
        assert.ok(name in VARIABLES, `the test knows snippet variable ${name}`);
        out += VARIABLES[name];
        i += m[0].length;
      } else {
        out += rest[0];
        i++;
      }
    }
    assert.ok(!inPlaceholder, 'unclosed placeholder');
    return out;
  };
  return parse(false);
}

/** The options of the choice placeholder on the body line that starts with `key:`. */
function choicesOn(snippet: Snippet, key: string): string[] {
  const line = bodyText(snippet).split('\n').find((l) => l.trimStart().startsWith(`${key}:`));
  assert.ok(line, `a ${key} line`);
  const m = /\$\{\d+\|([^|]*)\|\}/.exec(line);
  assert.ok(m, `${key} offers a choice`);
  return m[1].split(',');
}

before(async () => {
  // catalogue.ts imports the built catalogue; build it when a fresh checkout has none yet.
  if (!existsSync(join(root, 'catalogue', 'build', 'catalogue.json'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-catalogue.mjs')], { cwd: root, stdio: 'inherit' });
  }
  core = {
    ...(await import('../../server/src/core/catalogue')),
    ...(await import('../../server/src/core/markdown')),
    ...(await import('../../server/src/core/soa')),
    ...(await import('../../server/src/core/risks')),
  };
});

describe('snippet files', () => {
  test('hold the expected snippets, each with prefix, body and description', () => {
    assert.deepEqual(Object.keys(files['markdown.json']).sort(), ['isms-control-ref', 'isms-policy']);
    assert.deepEqual(Object.keys(files['yaml.json']).sort(), ['isms-risk', 'isms-soa-entry', 'isms-soa-excluded']);
    for (const [file, snippets] of Object.entries(files)) {
      for (const [name, s] of Object.entries(snippets)) {
        const where = `${file} ${name}`;
        assert.deepEqual(Object.keys(s).sort(), ['body', 'description', 'prefix'], where);
        assert.equal(s.prefix, name, `${where}: prefix`);
        assert.ok(typeof s.description === 'string' && s.description.trim().length > 10, `${where}: description`);
        const lines = Array.isArray(s.body) ? s.body : [s.body];
        assert.ok(lines.length > 0 && lines.every((l) => typeof l === 'string'), `${where}: body is text`);
        expand(bodyText(s));
      }
    }
  });

  test('every Annex A ID in a body, defaults included, is a 2022 control', () => {
    let seen = 0;
    for (const [file, snippets] of Object.entries(files)) {
      for (const [name, s] of Object.entries(snippets)) {
        const text = expand(bodyText(s));
        for (const m of text.matchAll(/(?<![\w.])A\.\d+(?:\.\d+)+/g)) {
          seen++;
          assert.ok(core.catalogue.control(m[0]), `${file} ${name}: ${m[0]} is not an ISO/IEC 27001:2022 control`);
        }
        // IDs split across a placeholder ("A.${1:5.15}") are caught by the expansion above;
        // anything else shaped like an ID must not slip past it.
        assert.doesNotMatch(text, /\bA\.\$/, `${file} ${name}: unexpanded ID`);
      }
    }
    assert.ok(seen >= 6, `control IDs checked: ${seen}`);
  });

  test('YAML bodies indent with spaces, never tabs', () => {
    for (const [name, s] of Object.entries(files['yaml.json'])) assert.doesNotMatch(bodyText(s), /\t/, name);
  });
});

describe('markdown snippets', () => {
  const policy = files['markdown.json']['isms-policy'];

  test('isms-policy expands to a policy with complete front matter and the standard sections', () => {
    const text = expand(bodyText(policy));
    const md = core.parseMarkdown(text);
    assert.ok(md.frontMatter, 'front matter');
    assert.deepEqual(md.frontMatter.yaml.errors, []);
    assert.deepEqual([...md.frontMatter.fields.keys()], ['title', 'owner', 'approved-by', 'version', 'effective', 'next-review', 'classification', 'controls']);
    const value = (key: string) => md.frontMatter!.fields.get(key)!.value?.toJSON();
    assert.equal(value('version'), '1.0', 'version stays a string');
    assert.equal(value('effective'), '2026-03-09');
    assert.match(String(value('next-review')), /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(md.claimed.map((r) => [r.id, r.kind]), [['A.5.15', 'control'], ['A.5.18', 'control'], ['A.8.2', 'control']]);
    assert.deepEqual(md.headings.map((h) => [h.depth, h.text]), [
      [1, 'Access Control Policy'],
      [2, 'Purpose'],
      [2, 'Scope'],
      [2, 'Policy statements'],
      [2, 'Roles and responsibilities'],
      [2, 'Exceptions'],
      [2, 'Review'],
    ]);
    assert.ok(md.refs.every((r) => r.kind === 'control'), 'every reference in the skeleton is a 2022 control');
  });

  test('isms-policy offers the four classification levels', () => {
    assert.deepEqual(choicesOn(policy, 'classification'), ['public', 'internal', 'confidential', 'restricted']);
  });

  test('isms-control-ref inserts A.5.15 with the number selected', () => {
    assert.equal(bodyText(files['markdown.json']['isms-control-ref']), 'A.${1:5.15}');
  });
});

describe('yaml snippets', () => {
  const yaml = files['yaml.json'];
  const indent = (text: string) => text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

  test('isms-soa-entry expands to a valid applicable SoA entry', () => {
    const soa = core.parseSoa(`standard: ISO/IEC 27001:2022\ncontrols:\n${indent(expand(bodyText(yaml['isms-soa-entry'])))}`);
    assert.deepEqual(soa.errors, []);
    assert.equal(soa.form, 'map');
    assert.equal(soa.entries.length, 1);
    const [e] = soa.entries;
    assert.equal(e.id, 'A.5.15');
    assert.equal(e.applicable?.value, true);
    assert.deepEqual(e.unknownFields, []);
    for (const key of ['status', 'justification', 'owner', 'evidence'] as const) assert.ok(e[key]?.value, key);
    assert.ok(e.reasons.length && e.risks.length && e.policies.length, 'reasons, risks and policies are lists with a default');
    assert.equal(core.isApplicable(e), true);
  });

  test('isms-soa-entry offers exactly the status and reason values the server accepts', () => {
    assert.deepEqual(choicesOn(yaml['isms-soa-entry'], 'status'), [...core.STATUS_VALUES]);
    assert.deepEqual(choicesOn(yaml['isms-soa-entry'], 'reasons'), [...core.REASON_VALUES]);
  });

  test('isms-soa-excluded expands to an excluded entry with a justification', () => {
    const soa = core.parseSoa(`controls:\n${indent(expand(bodyText(yaml['isms-soa-excluded'])))}`);
    assert.deepEqual(soa.errors, []);
    assert.equal(soa.entries.length, 1);
    const [e] = soa.entries;
    assert.equal(e.id, 'A.7.4');
    assert.equal(core.isExcluded(e), true);
    assert.ok((e.justification?.value ?? '').length > 40, 'a justification long enough to be a real one');
  });

  test('isms-risk expands to a valid risk with scores and a treatment', () => {
    const reg = core.parseRiskRegister(`risks:\n${indent(expand(bodyText(yaml['isms-risk'])))}`);
    assert.deepEqual(reg.errors, []);
    assert.equal(reg.risks.length, 1);
    const [r] = reg.risks;
    assert.equal(r.id, 'R-001');
    assert.deepEqual(r.unknownFields, []);
    assert.equal(r.likelihood?.value, 1);
    assert.equal(r.impact?.value, 1);
    assert.equal(r.treatment?.value, 'mitigate');
    assert.deepEqual(r.controls.map((c) => c.id), ['A.5.15', 'A.8.5']);
  });

  test('isms-risk offers scores 1 to 5 and the four treatments', () => {
    const risk = yaml['isms-risk'];
    assert.deepEqual(choicesOn(risk, 'likelihood'), ['1', '2', '3', '4', '5']);
    assert.deepEqual(choicesOn(risk, 'impact'), ['1', '2', '3', '4', '5']);
    assert.deepEqual(choicesOn(risk, 'treatment'), [...core.TREATMENT_VALUES]);
  });
});
