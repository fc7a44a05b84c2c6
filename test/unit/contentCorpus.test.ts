// The content checks on real documents: on the shared corpus they raise exactly the findings
// reviewed by hand in test/fixtures/content/corpus-expected.txt, and on the example workspace
// (examples/acme-isms) nothing beyond the eight mistakes its README documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIsmsService } from '../../server/src/core/service';
import { TODAY } from '../helpers';

const CONTENT_CODES = new Set([
  'ref/title-mismatch', 'ref/mixed-edition', 'ref/clause-as-control', 'soa/repeated-justification',
  'soa/implemented-without-evidence', 'soa/stale', 'policy/claims-uncited', 'policy/cites-unclaimed',
]);

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? files(p) : [p];
});

function load(dir: string, filter: (rel: string) => boolean, config?: string) {
  const service = createIsmsService({ today: () => TODAY });
  const root = pathToFileURL(dir).toString();
  service.workspace.setFolders([root]);
  if (config) service.workspace.set(`${root}/isms.config.yaml`, config);
  const rels = files(dir).map((f) => path.relative(dir, f).split(path.sep).join('/')).filter(filter);
  for (const rel of rels) service.workspace.set(`${root}/${rel}`, readFileSync(path.join(dir, rel), 'utf8'));
  return { service, root, rels, uri: (rel: string) => `${root}/${rel}` };
}

test('on the corpus, the content checks raise exactly the reviewed findings', () => {
  const { service, rels, uri } = load(path.resolve('test/fixtures/corpus'), (r) => r.endsWith('.md'), 'policies: ["**/*.md"]\n');
  const raised = rels.flatMap((rel) => service.check(uri(rel))
    .filter((d) => CONTENT_CODES.has(d.code))
    .map((d) => `${rel}:${d.range.start.line + 1} ${d.code} ${String(d.data?.id ?? d.data?.clause ?? '')} -> ${((d.data?.suggestions as string[] | undefined) ?? []).join(', ')}`.trim()));
  const expected = readFileSync('test/fixtures/content/corpus-expected.txt', 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\s+#.*$/, '').replace(/\s+/g, ' ').trim());
  assert.deepEqual(raised.map((r) => r.replace(/\s+/g, ' ')), expected);
});

test('on the example workspace, the content checks find nothing, with or without file times', () => {
  const dir = path.resolve('examples/acme-isms');
  const { service, rels, uri } = load(dir, (r) => /\.(md|ya?ml)$/.test(r));
  const content = () => rels.flatMap((rel) => service.check(uri(rel)).filter((d) => CONTENT_CODES.has(d.code)).map((d) => `${rel}:${d.range.start.line + 1} ${d.code}`));
  assert.deepEqual(content(), []);
  // A fresh checkout writes every file within a few seconds, in any order.
  rels.forEach((rel, i) => service.workspace.setModified(uri(rel), new Date(Date.UTC(2026, 10, 22, 0, 15, 22) + (rels.length - i) * 700).toISOString()));
  assert.deepEqual(content(), []);
  // The eight documented mistakes, and only those.
  const all = rels.flatMap((rel) => service.check(uri(rel)).map((d) => `${rel}:${d.range.start.line + 1} ${d.code}`));
  assert.deepEqual(all.sort(), [
    'policies/access-control.md:48 ref/legacy-control',
    'policies/business-continuity.md:7 policy/review-overdue',
    'policies/secure-development.md:15 ref/unknown-control',
    'risks.yaml:124 risk/untreated',
    'soa.yaml:404 soa/excluded-without-justification',
    'soa.yaml:54 soa/applicable-without-risk',
    'soa.yaml:561 ref/unknown-risk',
    'soa.yaml:664 ref/missing-file',
  ]);
  // A later edit to a cited policy, long after the checkout, makes the SoA stale.
  service.workspace.setModified(uri('policies/access-control.md'), '2026-11-23T10:00:00Z');
  assert.deepEqual(content(), ['soa.yaml:9 soa/stale']);
});
