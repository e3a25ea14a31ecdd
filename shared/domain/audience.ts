// R-WHOLE: encounters are for every pupil in a year group. There is no field for a subset,
// but a provider can still ask for one in free text ("top set only", "girls only"). Such
// text is not refused (the wording may be innocent, e.g. "not just the top set"): it is
// flagged so the careers lead reads it before deciding.

export interface SubsetFlag {
  code: 'SUBSET_AUDIENCE';
  rule: 'R-WHOLE';
  field: string;
  message: string;
  /** The words in the text that asked for a subset, as written. */
  matched: string;
}

const PUPILS = '(?:pupils|students|learners|children|young people|kids)';

/** Phrases that ask for a selected set, band or group of pupils rather than the year. */
const SUBSET_PATTERNS: readonly RegExp[] = [
  /\b(?:top|bottom|higher|lower|middle|upper|best|able) sets?\b/,
  /\bsets? (?:[1-9]|one|two|three|four)\b/,
  /\b(?:top|bottom|upper|lower|higher) band\b/,
  /\bband [a-c1-3]\b/,
  new RegExp(`\\b(?:selected|select|chosen|nominated|invited|hand-?picked|identified|certain|specific|a few|a handful of) ${PUPILS}`),
  new RegExp(`\\binterested ${PUPILS}`),
  new RegExp(`\\b${PUPILS} (?:who are|who're|that are) interested\\b`),
  /\bthose (?:who are )?interested\b/,
  /\b(?:boys|girls|males|females) only\b/,
  /\bonly (?:the )?(?:boys|girls)\b/,
  new RegExp(`\\b(?:male|female) ${PUPILS} only\\b`),
  /\btarget(?:ed)? (?:group|pupils|students|cohort|learners)\b/,
  /\bsmall(?:er)? groups?\b/,
  /\bgifted\b/,
  /\bg ?& ?t\b/,
  /\b(?:more|most) able\b/,
  /\b(?:high|higher|low|lower)[- ]ability\b/,
  /\bhigh[- ]achiev(?:ers?|ing)\b/,
  /\bpupil premium\b/,
  new RegExp(`\\bdisadvantaged ${PUPILS}`),
  /\b(?:only|just) (?:one|a|two|a few) (?:class(?:es)?|forms?|tutor groups?)\b/,
  new RegExp(`\\b(?:max(?:imum)?|up to|no more than|limited to|at most) (?:of )?\\d+ ${PUPILS}`),
  /\bhalf (?:of )?the year(?: group)?\b/,
  /\bshort-?list(?:ed)?\b/,
  /\bby invitation\b/,
  /\binvite[- ]only\b/,
  /\bopt[- ]in\b/,
];

/**
 * Every phrase in one free-text field that asks for a subset of pupils, one flag per
 * distinct phrase. `label` names the field for the careers lead (default: the field).
 */
export function findSubsetAudience(text: string, field: string, label = field): SubsetFlag[] {
  const flags: SubsetFlag[] = [];
  const seen = new Set<string>();
  for (const pattern of SUBSET_PATTERNS) {
    const re = new RegExp(pattern.source, 'gi');
    for (const m of text.matchAll(re)) {
      const matched = m[0];
      if (seen.has(matched.toLowerCase())) continue;
      seen.add(matched.toLowerCase());
      flags.push({
        code: 'SUBSET_AUDIENCE',
        rule: 'R-WHOLE',
        field,
        matched,
        message:
          `"${matched}" in the ${label} suggests a selected group of pupils; provider access encounters are for ` +
          'whole year groups, so agree with the provider that the whole year group is invited before approving.',
      });
    }
  }
  return flags;
}
