// Text that stands in for an answer not yet written: a configured placeholder ("n/a", "tbd"), a
// to-do marker, or a template's fill-in left as it was ("[Provide justification]", "<reason>",
// "{{justification}}"), which imported spreadsheets and handbook templates carry.
const TODO = /^(todo|tbd|tbc|fixme)\b/;
const FILL_IN = /^(?:\[[^\]]*\]|<[^>]*>|\{\{?[^}]*\}\}?)$/;

/** `text` as the placeholder list compares it: lower case, trailing full stops dropped. */
export const normalisedAnswer = (text: string): string => text.trim().toLowerCase().replace(/[.!]+$/, '').trim();

export function isPlaceholder(text: string, placeholders: readonly string[]): boolean {
  const n = normalisedAnswer(text);
  return placeholders.includes(n) || TODO.test(n) || FILL_IN.test(n);
}
