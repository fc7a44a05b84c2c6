// `isms-author show`: the layout of its plain-text output. Lists of controls one per line, and no
// line (headers included) past the 96 columns the command promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderControl } from '../../server/src/cli/show';
import { catalogue } from '../../server/src/core/catalogue';
import { runCli } from '../helpers';

const show = (id: string) => {
  const r = runCli(['show', id]);
  assert.equal(r.code, 0, r.err);
  return r.out.split('\n');
};

/** The lines of a titled block, up to the next blank line. */
function block(lines: string[], title: string): string[] {
  const start = lines.indexOf(title);
  assert.ok(start >= 0, `no "${title}" block in:\n${lines.join('\n')}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

test('show lists related and replaced controls one per line, each with its title', () => {
  const lines = show('A.8.15');
  const related = catalogue.control('A.8.15')!.guidance!.related;
  const relatedLines = block(lines, 'Related controls');
  assert.deepEqual(relatedLines, related.map((id) => `  ${id} ${catalogue.control(id)!.title}`));
  assert.ok(relatedLines.every((l) => !l.includes(';')), 'no semicolon-joined list');
  assert.deepEqual(block(lines, 'Replaces ISO/IEC 27001:2013:'), [
    '  A.12.4.1 Event logging',
    '  A.12.4.2 Protection of log information',
    '  A.12.4.3 Administrator and operator logs',
  ]);
});

test('show wraps the header lines of 2022 controls, 2013 controls and 2013 objectives', () => {
  // A.5.21's title alone is over 96 columns; the continuation is indented under the ID.
  assert.deepEqual(show('A.5.21').slice(0, 2), [
    'A.5.21 Managing information security in the information and communication technology (ICT)',
    '  supply chain',
  ]);
  assert.deepEqual(show('A.14.1.2').slice(0, 4), [
    'A.14.1.2 Securing application services on public networks',
    'ISO/IEC 27001:2013 Annex A, System acquisition, development and maintenance.',
    'Replaced in the 2022 edition by:',
    '  A.8.26 Application security requirements',
  ]);
  assert.deepEqual(show('A.14.1').slice(0, 2), [
    'A.14.1: an ISO/IEC 27001:2013 control objective (System acquisition, development and',
    '  maintenance)',
  ]);
});

test('no line of any control, 2013 control, objective or clause is wider than 96 columns', () => {
  const ids = [
    ...catalogue.controls.map((c) => c.id),
    ...catalogue.legacy.map((l) => l.id),
    ...new Set(catalogue.legacy.map((l) => l.id.split('.').slice(0, 3).join('.'))),
    ...catalogue.clauses.map((c) => `clause ${c.id}`),
  ];
  for (const id of ids) {
    const text = renderControl(id);
    assert.ok(text, `${id} renders`);
    for (const line of text.split('\n')) assert.ok(line.length <= 96, `${id}: ${line.length} columns: ${line}`);
  }
});
