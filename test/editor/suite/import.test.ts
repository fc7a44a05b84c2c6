// "ISMS: Import SoA or Risk Register..." in the real editor: the command runs the bundled CLI on a
// file it is given (no file picker), opens the result, reports every mapping, never overwrites
// unless told to; and the one-time "no ISMS scope" offer judges folders as described.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, root } from './helpers';

interface ImportOutcome { output: string; report: string[] }
interface Api { assessFolder?(folder: vscode.Uri): Promise<{ hasScope: boolean; references: number; files: number }> }

const SOA_CSV = [
  'Statement of Applicability,,,,',
  'Control No.,Control Title,Is Control Applicable? ,Justification for the Inclusion/Exclusion,Implementation Status',
  '5 Organizational Controls,,,,',
  'A.5.1,Policies for information security,Yes,Policies steer the whole ISMS,Established',
  'A.5.8,Information security in project management,No,We run no projects; all work is routine operation of one service,Not Applicable',
  'A.5.9,Access control,Yes,The inventory feeds the risk assessment,In Progress',
].join('\n');

const RISKS_MD = `# Risk register

| Risk ID | Asset | Threat | Likelihood | Impact | Treatment | Controls |
|---|---|---|---|---|---|---|
| R-01 | Laptops | Theft | Likely | Major | Reduce | A.8.1, A.7.9 |
| R-02 | Office | Flood | Rare | Moderate | Retain | |
`;

function contributes(id: string): boolean {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { commands?: { command: string }[] } } | undefined;
  return (pkg?.contributes?.commands ?? []).some((c) => c.command === id);
}

describe('import command', () => {
  let dir: string;
  let api: Api | undefined;

  before(async () => {
    api = (await activate()) as Api | undefined;
    dir = mkdtempSync(path.join(tmpdir(), 'isms-import-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an SoA spreadsheet it is given, opens the result and reports every mapping', async function () {
    if (!contributes('isms.import')) this.skip();
    const file = path.join(dir, 'soa-template.csv');
    writeFileSync(file, SOA_CSV);
    const output = path.join(dir, 'imported', 'soa.yaml');
    const outcome = await vscode.commands.executeCommand<ImportOutcome | undefined>('isms.import', { file, kind: 'soa', output });
    assert.ok(outcome, 'the command returns what it wrote');
    assert.equal(outcome.output, output);
    assert.ok(existsSync(output));
    const text = readFileSync(output, 'utf8');
    assert.match(text, /A\.5\.8:\n {4}applicable: false # status "Not Applicable"\n {4}justification: We run no projects; all work is routine operation of one service/);
    assert.match(text, /status: implemented # "Established"/);
    assert.match(text, /# the table's title for A\.5\.9 was "Access control", the title of A\.5\.15/);
    for (const line of ['Column "Is Control Applicable?" -> applicable.', 'Column "Justification for the Inclusion/Exclusion" -> justification.', '3 controls written to soa.yaml.']) {
      assert.ok(outcome.report.includes(line), `${line}\n${outcome.report.join('\n')}`);
    }
    assert.ok(outcome.report.some((l) => l.startsWith('Row 3: "5 Organizational Controls" is a heading')), outcome.report.join('\n'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, output, 'the imported file is opened');
  });

  it('does not overwrite an existing file unless told to', async function () {
    if (!contributes('isms.import')) this.skip();
    const file = path.join(dir, 'soa-small.csv');
    writeFileSync(file, 'ID,Applicable,Justification\nA.5.1,Yes,Policies steer the whole ISMS\n');
    const output = path.join(dir, 'existing.yaml');
    writeFileSync(output, 'controls: {}\n');
    const declined = await vscode.commands.executeCommand<ImportOutcome | undefined>('isms.import', { file, kind: 'soa', output, overwrite: false });
    assert.equal(declined, undefined);
    assert.equal(readFileSync(output, 'utf8'), 'controls: {}\n');
    const replaced = await vscode.commands.executeCommand<ImportOutcome | undefined>('isms.import', { file, kind: 'soa', output, overwrite: true });
    assert.equal(replaced?.output, output);
    assert.match(readFileSync(output, 'utf8'), /A\.5\.1:\n {4}applicable: true/);
  });

  it('imports a risk register from a Markdown table with word scales', async function () {
    if (!contributes('isms.import')) this.skip();
    const file = path.join(dir, 'risk-register.md');
    writeFileSync(file, RISKS_MD);
    const output = path.join(dir, 'risks.yaml');
    const outcome = await vscode.commands.executeCommand<ImportOutcome | undefined>('isms.import', { file, kind: 'risks', output });
    assert.ok(outcome);
    const text = readFileSync(output, 'utf8');
    assert.match(text, /R-01:\n {4}title: Theft \(Laptops\)/);
    assert.match(text, /likelihood: 4 # "Likely"/);
    assert.match(text, /treatment: accept # "Retain"/);
    assert.match(text, /controls: \[A\.7\.9, A\.8\.1\]/);
    assert.ok(outcome.report.some((l) => l.startsWith('Likelihood "Rare" -> 1')), outcome.report.join('\n'));
  });

  it('reports a failed import instead of writing anything', async function () {
    if (!contributes('isms.import')) this.skip();
    const file = path.join(dir, 'no-ids.csv');
    writeFileSync(file, 'Name,Value\na,b\n');
    const output = path.join(dir, 'never.yaml');
    const outcome = await vscode.commands.executeCommand<ImportOutcome | undefined>('isms.import', { file, kind: 'soa', output });
    assert.equal(outcome, undefined);
    assert.equal(existsSync(output), false);
  });

  it('offers the ISMS setup only for folders with many control references and no scope', async function () {
    if (!api?.assessFolder) this.skip();
    const example = await api.assessFolder(root());
    assert.equal(example.hasScope, true, 'the example workspace has soa.yaml');
    const notes = path.join(dir, 'handbook');
    mkdirSync(path.join(notes, 'procedures'), { recursive: true });
    writeFileSync(path.join(notes, 'access.md'), 'Access follows A.5.15, A.5.16, A.5.17 and A.5.18. Logging is A.8.15; monitoring A.8.16.\n');
    writeFileSync(path.join(notes, 'procedures', 'suppliers.md'), 'Suppliers: A.5.19, A.5.20, A.5.21. Backups: Annex A 8.13. Old: A.12.3.1. Crypto A.8.24.\n');
    const handbook = await api.assessFolder(vscode.Uri.file(notes));
    assert.equal(handbook.hasScope, false);
    assert.equal(handbook.files, 2);
    assert.ok(handbook.references >= 10, `counted ${handbook.references} references`);
    writeFileSync(path.join(notes, 'isms.config.yaml'), 'policies: ["**/*.md"]\n');
    assert.equal((await api.assessFolder(vscode.Uri.file(notes))).hasScope, true);
  });
});
