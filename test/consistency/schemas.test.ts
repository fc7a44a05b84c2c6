// The JSON Schemas contributed for the YAML extension (catalogue/schemas) agree with the code:
// the config schema's defaults are DEFAULT_CONFIG, its vocabularies are the core's, the example
// workspace validates, and a broken value does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { defaultsByKey } from './defaultsByKey';
import { DIAGNOSTIC_CODES } from '../../server/src/core/codes';
import { REASON_VALUES, STATUS_VALUES, EXCLUDED_STATUS_VALUES } from '../../server/src/core/soa';
import { TREATMENT_VALUES } from '../../server/src/core/risks';

type Schema = Record<string, any>;
const load = (name: string): Schema => JSON.parse(readFileSync(`catalogue/schemas/${name}`, 'utf8'));
const soaSchema = load('soa.schema.json');
const risksSchema = load('risks.schema.json');
const configSchema = load('isms-config.schema.json');
const example = (name: string): unknown => parse(readFileSync(`examples/acme-isms/${name}`, 'utf8'));

// ajv's default strict mode only logs some schema problems (union types, keywords without their
// type); a logger that throws makes them fail the test.
const fail = (...args: unknown[]): never => { throw new Error(`ajv: ${args.join(' ')}`); };
const compiled = new Map<Schema, ReturnType<Ajv['compile']>>();
const validator = (schema: Schema) => {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, validate = new Ajv({ allErrors: true, logger: { log: () => {}, warn: fail, error: fail } }).compile(schema));
  const v = validate;
  return (data: unknown) => ({ ok: v(data) as boolean, errors: JSON.stringify(v.errors, null, 1) });
};

/** Defaults of the config schema as the README's configuration table names them (dotted, kebab-case). */
function schemaDefaults(schema: Schema, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries<Schema>(schema.properties)) {
    if (prop.properties) Object.assign(out, schemaDefaults(prop, `${prefix}${key}.`));
    else out[prefix + key] = prop.default;
  }
  return out;
}

test('the config schema defaults equal DEFAULT_CONFIG', () => {
  assert.deepEqual(schemaDefaults(configSchema), defaultsByKey());
  // The defaults themselves are a valid configuration.
  const validate = validator(configSchema);
  const asFile = { ...DEFAULT_CONFIG, policy: { 'required-metadata': DEFAULT_CONFIG.policy.requiredMetadata }, justification: { placeholders: DEFAULT_CONFIG.justification.placeholders, 'min-length': DEFAULT_CONFIG.justification.minLength, 'max-repeats': DEFAULT_CONFIG.justification.maxRepeats, similarity: DEFAULT_CONFIG.justification.similarity, templates: DEFAULT_CONFIG.justification.templates }, implemented: { 'require-one-of': DEFAULT_CONFIG.implemented.requireOneOf, 'require-all': DEFAULT_CONFIG.implemented.requireAll }, limits: { 'max-file-size': DEFAULT_CONFIG.limits.maxFileSize } };
  const r = validate(asFile);
  assert.ok(r.ok, r.errors);
});

test('the schemas use the core vocabularies', () => {
  assert.deepEqual(configSchema.properties.severity.propertyNames.enum, [...DIAGNOSTIC_CODES]);
  const entry = soaSchema.definitions.entry.properties;
  assert.deepEqual(entry.status.enum, [...STATUS_VALUES, ...EXCLUDED_STATUS_VALUES]);
  assert.deepEqual(soaSchema.definitions.reason.enum, [...REASON_VALUES]);
  assert.deepEqual(risksSchema.definitions.risk.properties.treatment.enum, [...TREATMENT_VALUES]);
});

test('the example workspace validates against the schemas', () => {
  for (const [schema, file] of [[soaSchema, 'soa.yaml'], [risksSchema, 'risks.yaml'], [configSchema, 'isms.config.yaml']] as const) {
    const r = validator(schema)(example(file));
    assert.ok(r.ok, `${file}: ${r.errors}`);
  }
});

test('the list form of the SoA and the register validate too', () => {
  const soa = { controls: [{ id: 'A.5.15', applicable: true, status: 'implemented', reasons: ['risk'], risks: ['R-001'], 'x-ticket': 'SEC-1' }, { id: 'A.7.4', applicable: 'no', justification: 'No premises of our own; all servers are in provider data centres.' }] };
  assert.ok(validator(soaSchema)(soa).ok);
  assert.ok(validator(risksSchema)({ risks: [{ id: 'R-001', likelihood: 3, impact: 4, treatment: 'mitigate', controls: ['A.5.15'] }] }).ok);
  assert.equal(validator(soaSchema)({ controls: [{ applicable: true }] }).ok, false, 'a list entry needs an id');
});

test('broken values fail validation', () => {
  const soa = example('soa.yaml') as { controls: Record<string, Record<string, unknown>> };
  soa.controls['A.5.15'].status = 'done';
  assert.equal(validator(soaSchema)(soa).ok, false, 'unknown status');

  const unknownField = example('soa.yaml') as { controls: Record<string, Record<string, unknown>> };
  unknownField.controls['A.5.15'].stauts = 'implemented';
  assert.equal(validator(soaSchema)(unknownField).ok, false, 'unknown entry field (custom fields need x-)');
  unknownField.controls['A.5.15'] = { ...unknownField.controls['A.5.15'], stauts: undefined, 'x-ticket': 'SEC-12' };
  delete unknownField.controls['A.5.15'].stauts;
  assert.ok(validator(soaSchema)(unknownField).ok, 'x- fields are allowed');

  const risks = example('risks.yaml') as { risks: Record<string, Record<string, unknown>> };
  risks.risks['R-001'].likelihood = 7;
  assert.equal(validator(risksSchema)(risks).ok, false, 'likelihood out of range');
  risks.risks['R-001'].likelihood = 3;
  risks.risks['R-001'].treatment = 'ignore';
  assert.equal(validator(risksSchema)(risks).ok, false, 'unknown treatment');

  assert.equal(validator(configSchema)({ severity: { 'soa/missing-control': 'fatal' } }).ok, false, 'unknown severity');
  assert.equal(validator(configSchema)({ severity: { 'soa/no-such-code': 'off' } }).ok, false, 'unknown code');
  assert.equal(validator(configSchema)({ justifcation: {} }).ok, false, 'unknown setting');
});
