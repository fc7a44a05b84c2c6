// Builds catalogue/build/catalogue.json from the fact tables (catalogue/data/*.csv) and our
// guidance (catalogue/guidance/*.yaml), and one readable Markdown page per control and clause
// (dist/catalogue/*.md) that document links and "go to definition" open in any editor.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'catalogue', 'data');
const guidanceDir = join(root, 'catalogue', 'guidance');

const csv = (name) => parseCsv(readFileSync(join(dataDir, name), 'utf8'), { columns: true, bom: true });
const list = (s) => (s ? s.split(';') : []);

function loadGuidance(prefix) {
  const out = {};
  for (const file of readdirSync(guidanceDir).filter((f) => f.startsWith(prefix) && f.endsWith('.yaml')).sort()) {
    const doc = parseYaml(readFileSync(join(guidanceDir, file), 'utf8')) ?? {};
    for (const [key, value] of Object.entries(doc)) {
      if (key in out) throw new Error(`guidance for ${key} appears twice (${file})`);
      out[key] = { ...value, source: file };
    }
  }
  return out;
}

export function buildCatalogue() {
  const controlGuidance = loadGuidance('controls-');
  const clauseGuidance = loadGuidance('clauses');
  const controls = csv('annex-a-2022.csv').map((r) => {
    const g = controlGuidance[r.id];
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      theme: r.theme,
      isNew: r.new_in_2022 === 'yes',
      attributes: {
        controlType: list(r.control_type),
        securityProperties: list(r.security_properties),
        cybersecurityConcepts: list(r.cybersecurity_concepts),
        operationalCapabilities: list(r.operational_capabilities),
        securityDomains: list(r.security_domains),
      },
      predecessors: list(r.iso27001_2013_ids),
      guidance: g
        ? {
            intent: g.intent ?? '',
            implement: g.implement ?? [],
            evidence: g.evidence ?? [],
            gaps: g.gaps ?? [],
            related: g.related ?? [],
            policy: g.policy ?? '',
            changes: g.changes ?? '',
          }
        : null,
    };
  });
  const legacy = csv('annex-a-2013.csv').map((r) => ({
    id: r.id,
    title: r.title,
    domain: r.clause_title,
    successors: list(r.maps_to_2022),
  }));
  const clauses = csv('clauses-2022.csv').map((r) => {
    const g = clauseGuidance[r.id];
    return {
      id: r.id,
      title: r.title,
      note: r.note,
      guidance: g ? { summary: g.summary ?? '', documents: g.documents ?? [] } : null,
    };
  });
  return { controls, legacy, clauses };
}

const bullet = (items) => items.map((s) => `- ${s}`).join('\n');
const attr = (values) => values.map((v) => `#${v}`).join(' ');

function controlPage(c, cat) {
  const g = c.guidance;
  const lines = [
    `# ${c.id} ${c.title}`,
    '',
    `ISO/IEC 27001:2022 Annex A, ${c.theme} controls. ${c.isNew ? 'New in 2022.' : `ISO/IEC 27001:2013 predecessor(s): ${c.predecessors.join(', ')}.`}`,
    '',
    '| Attribute (ISO/IEC 27002:2022) | Values |',
    '|---|---|',
    `| Control type | ${attr(c.attributes.controlType)} |`,
    `| Security properties | ${attr(c.attributes.securityProperties)} |`,
    `| Cybersecurity concepts | ${attr(c.attributes.cybersecurityConcepts)} |`,
    `| Operational capabilities | ${attr(c.attributes.operationalCapabilities)} |`,
    `| Security domains | ${attr(c.attributes.securityDomains)} |`,
    '',
  ];
  if (g) {
    lines.push('## Intent', '', g.intent, '', '## How to implement', '', bullet(g.implement), '');
    lines.push('## Evidence auditors ask for', '', bullet(g.evidence), '', '## Common gaps', '', bullet(g.gaps), '');
    if (g.changes) lines.push('## What changed from 2013', '', g.changes, '');
    const rel = g.related.map((id) => `${id} ${cat.controls.find((x) => x.id === id)?.title ?? ''}`.trim());
    lines.push('## Related controls', '', bullet(rel), '', `Usually covered by: ${g.policy}`, '');
  } else {
    lines.push('_Guidance for this control has not been written yet._', '');
  }
  lines.push('---', 'Guidance written by the ISMS Author project; it is not text from ISO/IEC 27001 or 27002.', '');
  return lines.join('\n');
}

function legacyPage(l, cat) {
  const succ = l.successors.map((id) => `${id} ${cat.controls.find((x) => x.id === id)?.title ?? ''}`);
  return [
    `# ${l.id} ${l.title} (ISO/IEC 27001:2013)`,
    '',
    `This is a control of the withdrawn 2013 edition (domain: ${l.domain}).`,
    '',
    '## ISO/IEC 27001:2022 successor(s)',
    '',
    bullet(succ),
    '',
  ].join('\n');
}

function clausePage(c) {
  const g = c.guidance;
  const lines = [`# Clause ${c.id} ${c.title}`, '', 'ISO/IEC 27001:2022 management system requirement.', ''];
  if (c.note) lines.push(`Note: ${c.note}`, '');
  if (g) {
    lines.push(g.summary, '');
    if (g.documents.length) lines.push('## Documented information', '', bullet(g.documents), '');
  }
  return lines.join('\n');
}

export function writeCatalogue(distDir = join(root, 'dist')) {
  const cat = buildCatalogue();
  mkdirSync(join(root, 'catalogue', 'build'), { recursive: true });
  writeFileSync(join(root, 'catalogue', 'build', 'catalogue.json'), JSON.stringify(cat));
  const pages = join(distDir, 'catalogue');
  mkdirSync(pages, { recursive: true });
  for (const c of cat.controls) writeFileSync(join(pages, `${c.id}.md`), controlPage(c, cat));
  for (const l of cat.legacy) writeFileSync(join(pages, `${l.id}.md`), legacyPage(l, cat));
  for (const c of cat.clauses) writeFileSync(join(pages, `clause-${c.id}.md`), clausePage(c));
  // ID -> title for every 2022 and 2013 control: the client's Markdown preview plugin reads it.
  writeFileSync(join(pages, 'titles.json'), JSON.stringify(Object.fromEntries([...cat.controls, ...cat.legacy].map((c) => [c.id, c.title]))));
  return cat;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cat = writeCatalogue();
  console.log(`catalogue: ${cat.controls.length} controls, ${cat.legacy.length} 2013 controls, ${cat.clauses.length} clauses`);
}
