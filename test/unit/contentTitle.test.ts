// The title matcher behind ref/title-mismatch: every catalogue title of both editions matches its
// own ID and is recognised as wrong next to every other ID; the tolerated variants match; and it
// says "unsure" rather than "mismatch" when the words could be a loose description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue } from '../../server/src/core/catalogue';
import { OBJECTIVES_2013 } from '../../server/src/core/titleData';
import { judgeTitle, titleTokens, type Edition } from '../../server/src/core/titleMatch';

const verdict = (id: string, title: string, edition?: Edition) => judgeTitle(id, title, { edition }).verdict;

test('every ISO/IEC 27001:2022 title matches its own ID and fails next to every other ID', () => {
  for (const c of catalogue.controls) {
    assert.equal(verdict(c.id, c.title, '2022'), 'match', `${c.id} ${c.title}`);
    assert.equal(verdict(c.id, c.title), 'match', `${c.id} ${c.title} (edition not declared)`);
    for (const o of catalogue.controls) {
      if (o.id === c.id) continue;
      const v = judgeTitle(c.id, o.title, { edition: '2022' });
      assert.equal(v.verdict, 'mismatch', `${c.id} next to "${o.title}"`);
      assert.ok(v.suggestions.includes(o.id), `${c.id} next to "${o.title}" suggests ${o.id}, not ${v.suggestions}`);
      assert.equal(v.expected, c.title);
    }
  }
});

test('every ISO/IEC 27001:2013 title matches its own ID and fails next to every other 2013 ID', () => {
  for (const c of catalogue.legacy) {
    assert.equal(verdict(c.id, c.title, '2013'), 'match', `${c.id} ${c.title}`);
    assert.equal(verdict(c.id, c.title), 'match', `${c.id} ${c.title} (edition not declared)`);
    for (const o of catalogue.legacy) {
      if (o.id === c.id) continue;
      const v = judgeTitle(c.id, o.title, { edition: '2013' });
      assert.equal(v.verdict, 'mismatch', `${c.id} next to "${o.title}"`);
      assert.ok(v.suggestions.includes(o.id), `${c.id} next to "${o.title}" suggests ${o.id}, not ${v.suggestions}`);
    }
  }
});

test('2013 objectives match their titles; a 2013 ID accepts its 2022 successor\'s title', () => {
  for (const [id, title] of Object.entries(OBJECTIVES_2013)) assert.equal(verdict(id, title, '2013'), 'match', `${id} ${title}`);
  const same = (a: string, b: string) => titleTokens(a).sort().join(' ') === titleTokens(b).sort().join(' ');
  for (const c of catalogue.legacy) {
    for (const s of c.successors) {
      const title = catalogue.control(s)!.title;
      // "A.5.1.2 Policies for information security" is word for word A.5.1.1: that one stays a mismatch.
      const peer = catalogue.legacy.find((o) => o.id !== c.id && same(o.title, title));
      assert.equal(verdict(c.id, title), peer ? 'mismatch' : 'match', `${c.id} with its successor's title${peer ? ` (${peer.id})` : ''}`);
    }
  }
  // A 2022 ID written with its predecessor's 2013 title names the same control.
  for (const c of catalogue.controls) {
    for (const p of c.predecessors) assert.notEqual(verdict(c.id, catalogue.legacyControl(p)!.title, '2022'), 'mismatch', `${c.id} with ${p}'s title`);
  }
});

test('tolerated: case, punctuation, spelling, 27002 variants, abbreviations, word order, titles cut short', () => {
  const ok: [string, string][] = [
    ['A.5.15', 'ACCESS CONTROL'], ['A.5.15', 'Access Control.'], ['A.5.15', 'access-control'],
    ['A.8.17', 'Clock synchronisation'], ['A.5.13', 'Labeling of information'], ['A.5.12', 'Classification of Information'],
    ['A.5.21', 'Managing information security in the ICT supply chain'], ['A.5.21', 'Managing information security in the ICT supply-chain'],
    ['A.5.34', 'Privacy and protection of PII'], ['A.5.34', 'Privacy and protection of personally identifiable information'],
    ['A.8.1', 'User endpoint devices'], ['A.8.25', 'Secure development lifecycle'], ['A.7.14', 'Secure disposal or reuse of equipment'],
    ['A.6.6', 'Confidentiality or nondisclosure agreements'], ['A.6.6', 'Confidentiality or NDAs'],
    ['A.8.12', 'DLP'], ['A.8.12', 'Data loss prevention'], ['A.5.32', 'IP rights'], ['A.8.20', 'Network security'],
    ['A.5.28', 'Evidence collection'], ['A.8.22', 'Network segregation'], ['A.5.1', 'Information security policies'],
    ['A.5.9', 'Inventory of information'], ['A.8.14', 'Redundancy'], ['A.5.12', 'Classification'], ['A.5.31', 'Legal, statutory'],
    ['A.5.15', 'Access control policy'], ['A.5.18', 'Access rights review'], ['A.6.3', 'Information security awareness & training'],
    ['A.5.9', 'Inventory of assets'], ['A.8.1', 'Mobile device policy'], ['A.6.7', 'Teleworking'],
    ['A.11.2.7', 'Secure disposal or re-use of equipment'], ['A.13.2.4', 'Confidentiality or non-disclosure agreements'],
    ['A.12.4.4', 'Clock synchronization'], ['A.9.2.3', 'Privileged access rights'], ['A.9.4.2', 'Secure log-on procedures'],
  ];
  for (const [id, title] of ok) assert.equal(verdict(id, title), 'match', `${id} ${title}`);
  assert.deepEqual(titleTokens('Managing information security in the information and communication technology (ICT) supply chain'), titleTokens('Managing Information Security in the ICT Supply Chain'));
});

test('knows the edition: a 2013 ID with a 2013 title is fine, the same words next to another ID are not', () => {
  assert.equal(verdict('A.12.3.1', 'Information backup'), 'match');
  assert.equal(verdict('A.8.13', 'Information backup'), 'match');
  const logging = judgeTitle('A.12.3.1', 'Logging and Monitoring');
  assert.equal(logging.verdict, 'mismatch');
  assert.equal(logging.expected, 'Information backup');
  assert.equal(logging.expectedKind, '2013');
  assert.deepEqual(logging.suggestions, ['A.12.4'], 'the 2013 objective "Logging and monitoring"');
  // A.8.2 is a 2022 control and a 2013 objective: its objective title is accepted unless the file declares 2022.
  assert.equal(verdict('A.8.2', 'Information classification'), 'match');
  const declared = judgeTitle('A.8.2', 'Information classification', { edition: '2022' });
  assert.equal(declared.verdict, 'mismatch');
  assert.deepEqual(declared.suggestions, ['A.5.12']);
});

test('the examples of the issue: suggestions in the edition of the cited ID', () => {
  const access = judgeTitle('A.5.9', 'Access Control Policy');
  assert.equal(access.verdict, 'mismatch');
  assert.equal(access.expected, 'Inventory of information and other associated assets');
  assert.deepEqual(access.suggestions, ['A.5.15']);
  const password = judgeTitle('A.8.2', 'Password management');
  assert.equal(password.verdict, 'mismatch');
  assert.deepEqual(password.suggestions, ['A.5.17'], 'via 2013 A.9.4.3 Password management system');
  assert.deepEqual(password.matched, { id: 'A.9.4.3', title: 'Password management system', kind: '2013' });
  assert.deepEqual(judgeTitle('A.8.21', 'Web filtering').suggestions, ['A.8.23']);
});

test('unsure, not mismatch, when the words could be a loose description', () => {
  for (const [id, text] of [
    ['A.5.29', 'Business continuity'], ['A.5.19', 'Supplier security'], ['A.8.29', 'Secure development'], ['A.5.1', 'Implemented'],
    ['A.5.1', 'Critical'], ['A.8.2', 'applies to administrators'], ['A.5.15', 'Zugriffskontrolle'], ['A.6.1', 'People controls'],
    ['A.8.16', 'Monitoring'], ['A.5.24', 'Incident planning'], ['A.5.22', 'Monitoring suppliers'],
  ] as const) {
    assert.notEqual(verdict(id, text), 'mismatch', `${id} ${text}`);
  }
  assert.equal(verdict('A.99.1', 'Access control'), 'unsure', 'unknown IDs are not judged');
});

test('a clause title next to a clause number says clause', () => {
  assert.equal(verdict('A.9.2', 'Internal audit'), 'clause');
  assert.equal(verdict('A.7.2', 'Competence', '2022'), 'clause');
  assert.equal(verdict('A.6.1.2', 'Information security risk assessment'), 'clause');
  assert.equal(verdict('A.9.3', 'Management review'), 'clause');
});
