// The injection grammar (syntaxes/isms-controls.injection.tmLanguage.json) colours the control
// references that the language server finds. Here its regexes run under JavaScript, scanned the
// way a TextMate tokenizer scans one line (earliest match wins, ties go to the first rule), and
// the result is compared with findControlRefs on a table of samples, on every ID shape, and on
// every line of the real documents in ../shared/corpus (or, without it, test/fixtures/corpus).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ControlRef } from '../../server/src/core/controlRef';

const root = resolve(__dirname, '../..');
const grammarPath = join(root, 'syntaxes', 'isms-controls.injection.tmLanguage.json');
// The whole shared corpus when it is beside this checkout, else the repository's copies of part of it.
const sharedCorpus = resolve(root, '..', 'shared', 'corpus');
const corpusDir = existsSync(sharedCorpus) ? sharedCorpus : join(root, 'test', 'fixtures', 'corpus');

const CONTROL = 'constant.other.isms.control';
const LEGACY = 'constant.other.isms.control.legacy';
const RISK = 'constant.other.isms.risk';

interface Rule { match?: string; name?: string; include?: string; patterns?: Rule[] }
interface Grammar { scopeName: string; injectionSelector: string; patterns: Rule[]; repository?: Record<string, Rule> }
interface Token { text: string; start: number; end: number; scope: string }
interface CompiledRule { re: RegExp; scope: string }

let findControlRefs: (text: string) => ControlRef[];
let catalogueHas: (id: string) => boolean;

const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as Grammar;

/**
 * Turns an Oniguruma pattern into a JavaScript RegExp. The grammar keeps to syntax both engines
 * read the same way; the few Oniguruma spellings with a JavaScript twin are converted, and the
 * rest (\G, \A, \z, \h, atomic groups, possessive quantifiers, inline flags) are refused so that
 * this test can never silently check something other than what VS Code runs.
 */
function toJsRegExp(source: string): RegExp {
  const unsupported = /\\[GAzZhH]|\(\?>|\(\?[imx-]+[:)]|[*+?}]\+/.exec(source);
  if (unsupported) throw new Error(`Oniguruma-only syntax "${unsupported[0]}" in ${source}`);
  const js = source.replace(/\\x\{([0-9A-Fa-f]{1,4})\}/g, (_, hex: string) => `\\u${hex.padStart(4, '0')}`);
  return new RegExp(js, 'g');
}

function collectRules(patterns: readonly Rule[], seen = new Set<string>()): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const p of patterns) {
    if (p.include) {
      assert.ok(p.include.startsWith('#'), `only repository includes are expected, got ${p.include}`);
      const key = p.include.slice(1);
      const target = grammar.repository?.[key];
      assert.ok(target, `include ${p.include} has no repository entry`);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...collectRules([target], seen));
    } else if (p.match) {
      assert.ok(p.name, `rule ${p.match} has no scope name`);
      out.push({ re: toJsRegExp(p.match), scope: p.name });
    } else if (p.patterns) {
      out.push(...collectRules(p.patterns, seen));
    } else {
      assert.fail(`unsupported rule ${JSON.stringify(p)}`);
    }
  }
  return out;
}

const rules = collectRules(grammar.patterns);

/** Scans one line like a TextMate tokenizer does for a flat list of match rules. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos <= line.length) {
    let best: Token | undefined;
    for (const rule of rules) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(line);
      if (m && (!best || m.index < best.start)) best = { text: m[0], start: m.index, end: m.index + m[0].length, scope: rule.scope };
    }
    if (!best) break;
    tokens.push(best);
    pos = best.end > best.start ? best.end : best.start + 1;
  }
  return tokens;
}

const controlTokens = (line: string) => tokenize(line).filter((t) => t.scope !== RISK);

/**
 * The references the grammar is meant to colour: those the server reports in an explicit form
 * ("A.5.15", "Annex A 5.15", "A 5.15", "iso27001:A.5.1"). Left out are bare numbers after a word
 * ("control 5.15", the "18" in "A.5.15–18"), IDs a range only implies, and "A 9.2.3" (three parts
 * with neither a dot nor "Annex"), which the server accepts only when it is a real 2013 ID: the
 * grammar would need the whole 2013 list for that and leaves it to hover and diagnostics.
 */
function serverTokens(line: string): Token[] {
  return findControlRefs(line)
    .filter((r) => !r.inRange)
    .map((r) => ({ ref: r, text: line.slice(r.span.start, r.span.end) }))
    .filter(({ text }) => !/^[0-9]/.test(text) && !/^(?:[^:]*:)?A[ \t]+[0-9]+\.[0-9]+\.[0-9]+$/.test(text))
    .map(({ ref, text }) => {
      const parts = ref.id.split('.').length - 1;
      if (ref.kind === 'control') assert.equal(parts, 2, `${ref.id} is a 2022 control`);
      if (ref.kind === 'legacy') assert.equal(parts, 3, `${ref.id} is a 2013 control`);
      return { text, start: ref.span.start, end: ref.span.end, scope: parts === 3 ? LEGACY : CONTROL };
    });
}

const show = (tokens: readonly Token[]) => tokens.map((t) => `${t.text}@${t.start}=${t.scope === CONTROL ? 'control' : t.scope === LEGACY ? 'legacy' : 'risk'}`);

function assertAgrees(line: string, where = ''): void {
  assert.deepEqual(show(controlTokens(line)), show(serverTokens(line)), `grammar and findControlRefs disagree on ${JSON.stringify(line)}${where}`);
}

before(async () => {
  // catalogue.ts imports the built catalogue; build it when a fresh checkout has none yet.
  if (!existsSync(join(root, 'catalogue', 'build', 'catalogue.json'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-catalogue.mjs')], { cwd: root, stdio: 'inherit' });
  }
  ({ findControlRefs } = await import('../../server/src/core/controlRef'));
  const { catalogue } = await import('../../server/src/core/catalogue');
  catalogueHas = (id) => catalogue.control(id) !== undefined;
});

describe('injection grammar: shape', () => {
  test('names its scope and injects into Markdown prose and YAML, not into code or comments', () => {
    assert.equal(grammar.scopeName, 'isms.controls.injection');
    const clauses = grammar.injectionSelector.split(',').map((c) => c.trim().split(/\s+/));
    const markdown = clauses.find((c) => c.includes('L:text.html.markdown'));
    const yaml = clauses.find((c) => c.includes('L:source.yaml'));
    assert.ok(markdown, 'a Markdown clause');
    assert.ok(yaml, 'a YAML clause');
    for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-comment']) assert.ok(markdown.includes(excluded), `Markdown clause excludes ${excluded}`);
    assert.ok(yaml.includes('-comment'), 'YAML clause excludes comments');
  });

  test('uses exactly the three documented scopes', () => {
    assert.deepEqual([...new Set(rules.map((r) => r.scope))].sort(), [CONTROL, LEGACY, RISK].sort());
  });
});

describe('injection grammar agrees with findControlRefs', () => {
  const c = (text: string) => `${text}=control`;
  const l = (text: string) => `${text}=legacy`;
  const samples: [line: string, expected: string[]][] = [
    ['A.5.15', [c('A.5.15')]],
    ['Access to production follows least privilege (A.8.2).', [c('A.8.2')]],
    ['Annex A 5.17 covers authentication information.', [c('Annex A 5.17')]],
    ['2022 Annex A.5.15-A.5.18 (incl. reviews)', [c('Annex A.5.15'), c('A.5.18')]],
    ['Padded IDs such as A.05.01 and A . 8.2 count.', [c('A.05.01'), c('A . 8.2')]],
    ['Namespaced iso27001:A.5.1, ISO27001:2022:A.5.2 and iso27k:A.8.5.', [c('iso27001:A.5.1'), c('ISO27001:2022:A.5.2'), c('iso27k:A.8.5')]],
    ['ISO 27001:2022 A.5.15 applies.', [c('A.5.15')]],
    ['The old policy cites A.9.2.3 and Annex A 12.6.1.', [l('A.9.2.3'), l('Annex A 12.6.1')]],
    ['2013 objective A.9.2 (user access management)', [c('A.9.2')]],
    ['Unknown but plausible: A.5.99 and A.9.9.9', [c('A.5.99'), l('A.9.9.9')]],
    ['Without a dot: A 5.15 counts, A 5.38 does not.', [c('A 5.15')]],
    ['| Access | A.5.15-A.5.18, A.8.2 | High |', [c('A.5.15'), c('A.5.18'), c('A.8.2')]],
    ['A.5.24-A.5.28, A.6.8 and A.5.15/A.5.16', [c('A.5.24'), c('A.5.28'), c('A.6.8'), c('A.5.15'), c('A.5.16')]],
    ['A.5.19 through A.5.23; A.5.29 – A.5.30', [c('A.5.19'), c('A.5.23'), c('A.5.29'), c('A.5.30')]],
    ['A.5.15–18 only colours the explicit start', [c('A.5.15')]],
    ['A.9.2.1-A.9.2.3', [l('A.9.2.1'), l('A.9.2.3')]],
    ['controls: [A.5.15, A.5.17, A.8.5]', [c('A.5.15'), c('A.5.17'), c('A.8.5')]],
    ['Control A.5.15 and controls 5.16, 5.17', [c('A.5.15')]],
    ['## A.8.24 Use of cryptography', [c('A.8.24')]],
    ['### 8.2 Password rules', []],
    ['version 1.4', []],
    ['clause 6.1', []],
    ['ISO 27001 clause 9.2 internal audit', []],
    ['control 5.15 is a bare number', []],
    ['Out of range: A.1.2, A.4.1, A.19.1, A.20.3', []],
    ['Not IDs: data.A.5.15, /docs/A.5.15, #A.5.15, x@A.5.15, SHA.5.15, MA.5.15', []],
    ['Too long: A.5.150, A.5.15.1.2, A.5.15x, A.5.15é', []],
    ['Plan A 1.5 and grade A 3.2', []],
  ];
  for (const [line, expected] of samples) {
    test(line, () => {
      const got = controlTokens(line).map((t) => `${t.text}=${t.scope === LEGACY ? 'legacy' : 'control'}`);
      assert.deepEqual(got, expected, 'grammar');
      assertAgrees(line);
    });
  }

  test('every ID shape: A., Annex A, A with a space, namespaced, padded', () => {
    const prefixes = ['A.', 'A. ', 'A ', 'Annex A ', 'Annex A.', 'iso27001:A.', 'iso27001:A '];
    for (const prefix of prefixes) {
      for (let a = 0; a <= 20; a++) {
        for (let b = 0; b <= 40; b++) {
          for (const num of [`${a}.${b}`, `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}`]) assertAgrees(`see ${prefix}${num}, here`);
        }
      }
    }
    for (const prefix of ['A.', 'Annex A ', 'iso27001:A.']) {
      for (let a = 0; a <= 20; a++) for (let b = 0; b <= 15; b++) for (let d = 0; d <= 12; d++) assertAgrees(`(${prefix}${a}.${b}.${d})`);
    }
  });

  test('"A 5.15" without a dot is coloured for exactly the 93 controls of 2022', () => {
    let coloured = 0;
    for (let a = 0; a <= 20; a++) {
      for (let b = 0; b <= 99; b++) {
        const hit = controlTokens(`A ${a}.${b}`).length === 1;
        assert.equal(hit, catalogueHas(`A.${a}.${b}`), `A ${a}.${b}`);
        if (hit) coloured++;
      }
    }
    assert.equal(coloured, 93);
  });

  test('every line of the real documents in the corpus', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(md|markdown|ya?ml|csv|tsv|txt)$/i.test(name)) files.push(path);
      }
    };
    walk(corpusDir);
    assert.ok(files.length > 0, 'the corpus has documents');
    let checked = 0;
    for (const file of files) {
      readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
        assertAgrees(line, ` (${file.slice(corpusDir.length + 1)}:${i + 1})`);
        if (serverTokens(line).length) checked++;
      });
    }
    assert.ok(checked > 50, `lines with references checked: ${checked}`);
  });
});

describe('injection grammar: risk IDs', () => {
  const risks = (line: string) => tokenize(line).filter((t) => t.scope === RISK).map((t) => t.text);
  test('R-003 and RISK-12 are risks', () => {
    assert.deepEqual(risks('risks: [R-003, RISK-12]'), ['R-003', 'RISK-12']);
    assert.deepEqual(risks('R-7: Stolen laptop (see RISK-0012).'), ['R-7', 'RISK-0012']);
  });
  test('look-alikes are not', () => {
    assert.deepEqual(risks('AR-003 R-003a PR-12 R- r-003 RISK-12-b x_R-1 R-1234567'), []);
  });
  test('risk IDs never take a control scope and controls never a risk scope', () => {
    assert.deepEqual(show(tokenize('R-003 is treated by A.5.15')), ['R-003@0=risk', 'A.5.15@20=control']);
  });
});
