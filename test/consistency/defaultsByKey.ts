// DEFAULT_CONFIG keyed as users write it in isms.config.yaml (dotted kebab-case), the form the
// README table and the JSON Schema document; shared by the tests that compare them.
import { DEFAULT_CONFIG } from '../../server/src/core/config';

export const defaultsByKey = () => ({
  soa: DEFAULT_CONFIG.soa, risks: DEFAULT_CONFIG.risks, policies: DEFAULT_CONFIG.policies, exclude: DEFAULT_CONFIG.exclude,
  severity: DEFAULT_CONFIG.severity,
  'policy.required-metadata': DEFAULT_CONFIG.policy.requiredMetadata,
  'justification.placeholders': DEFAULT_CONFIG.justification.placeholders,
  'justification.min-length': DEFAULT_CONFIG.justification.minLength,
  'justification.max-repeats': DEFAULT_CONFIG.justification.maxRepeats,
  'justification.similarity': DEFAULT_CONFIG.justification.similarity,
  'justification.templates': DEFAULT_CONFIG.justification.templates,
  'justification.families': DEFAULT_CONFIG.justification.families,
  'justification.traceable': DEFAULT_CONFIG.justification.traceable,
  'implemented.require-one-of': DEFAULT_CONFIG.implemented.requireOneOf,
  'implemented.require-all': DEFAULT_CONFIG.implemented.requireAll,
  'limits.max-file-size': DEFAULT_CONFIG.limits.maxFileSize,
});
