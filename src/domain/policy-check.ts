// Checks an incoming report (a security@ thread or a GHSA) against the devguide's
// security policy (vendor/python-devguide/security/policy.rst): heuristics over the
// text and attachments, each rule quoting the policy, and what a "needs more
// information" reply would ask for. Pure; details never quote the report's prose.
import { type NamedVersion, namedVersions } from './named-versions.ts';
import {
  type BranchStatus,
  missingInformation,
  type PolicyChecklist,
  type PolicyContext,
  type PolicyInput,
  type PolicyItem,
  policyRules,
} from './policy-rules.ts';
import { scopeItem } from './policy-scope.ts';

export type {
  BranchStatus,
  PolicyChecklist,
  PolicyContext,
  PolicyInput,
  PolicyItem,
} from './policy-rules.ts';
export { branchStatuses, missingInformation, policyRules } from './policy-rules.ts';

// Content types and extensions that "cannot be safely reviewed" as plain text.
const textTypes =
  /^(?:text\/|application\/(?:x-)?(?:json|x-python|python|x-sh|x-shellscript|x-patch|x-diff|pgp-signature|pgp-keys|xml|x-yaml|yaml|toml)\b)/i;
const notText =
  /\.(?:pdf|ipynb|docx?|xlsx?|pptx?|odt|rtf|zip|tar|gz|tgz|bz2|xz|7z|rar|exe|dll|so|dylib|bin|pyc|pyo|whl|egg|jar|png|jpe?g|gif|bmp|webp|mp4|mov|avi|pickle|pkl|npy)$/i;
const scriptFile = /\.(?:py|sh|c|h|js|ps1|bat|patch|diff)$/i;

function plainTextItem(attachments: PolicyInput['attachments']): PolicyItem {
  const unsafe = attachments.filter(
    (a) => notText.test(a.filename) || !(textTypes.test(a.contentType) || scriptFile.test(a.filename)),
  );
  const rule = policyRules.plainText;
  if (unsafe.length === 0) {
    const detail = attachments.length === 0 ? 'No attachments.' : 'Every attachment is plain text.';
    return { rule, met: true, detail };
  }
  const names = unsafe.map((a) => `${a.filename} (${a.contentType})`).join(', ');
  return { rule, met: false, detail: `Not plain text: ${names}.` };
}

function versionsItem(versions: NamedVersion[]): PolicyItem {
  const rule = policyRules.versions;
  if (versions.length === 0) return { rule, met: false, detail: 'No Python version is named.' };
  return { rule, met: true, detail: `Names ${versions.map((v) => v.text).join(', ')}.` };
}

const codeBlock = /```|~~~|<details>|^ {4,}\S.*$\n^ {4,}\S/m;
const pythonCode = /^(?:\s*>>> |\s*(?:import|from)\s+[\w.]+(?:\s+import\b)?|\s*def \w+\(|\s*class \w+[(:])/m;
const pythonCommand = /\bpython(?:3(?:\.\d+)?)?\s+(?:-c|-m|-I|\S+\.py)\b/i;
const pocWords =
  /\b(?:PoC|proof[- ]of[- ]concept|reproducer|steps to reproduce|to reproduce|reproduces? (?:with|it|the|this)|reproduction)\b/i;
const negatedPoc =
  /\b(?:no|without|not yet|haven't|have not|don't have|do not have|could not|couldn't|unable to|cannot|can't)\b[^.\n]{0,30}\b(?:PoC|proof[- ]of[- ]concept|reproducer|reproduce)\b/gi;

function proofOfConceptItem(input: PolicyInput): PolicyItem {
  const rule = policyRules.proofOfConcept;
  const scripts = input.attachments.filter((a) => scriptFile.test(a.filename) && !notText.test(a.filename));
  if (scripts.length > 0) {
    return { rule, met: true, detail: `Script attached: ${scripts.map((a) => a.filename).join(', ')}.` };
  }
  if (codeBlock.test(input.text) || pythonCode.test(input.text) || pythonCommand.test(input.text)) {
    return { rule, met: true, detail: 'The report includes code.' };
  }
  // "I could not reproduce", "no PoC yet": the words are there, the proof is not.
  const withoutNegations = input.text.replace(negatedPoc, ' ');
  if (pocWords.test(withoutNegations)) {
    return {
      rule,
      met: 'unknown',
      detail: 'Mentions a proof of concept or reproduction steps, without code.',
    };
  }
  return { rule, met: false, detail: 'No proof of concept: no code, script or reproduction steps.' };
}

const severityPatterns: [RegExp, string][] = [
  [/\bCVSS:[234]\.\d\/AV:/i, 'a CVSS vector'],
  [/\bCVSS\b/i, 'a CVSS score'],
  [
    /\bseverity\b\s*(?:[:=-]|\bis\b|\brating\b|\blevel\b)?\s*(?:\*\*)?\s*(?:critical|high|medium|moderate|low)\b/i,
    'a severity',
  ],
  [/\b(?:critical|high|medium|moderate|low)[- ](?:severity|risk|impact)\b/i, 'a severity'],
  [/\bcritical\s+(?:vulnerability|vuln|security (?:issue|flaw|bug)|flaw|RCE)\b/i, 'a severity ("critical")'],
  [/^\s*\[?(?:critical|high)\]?\s*[:\]-]/i, 'a severity in the subject'],
];

function severityItem(input: PolicyInput): PolicyItem {
  const rule = policyRules.noSeverity;
  const found = new Set<string>();
  for (const [pattern, what] of severityPatterns) {
    if (
      what.endsWith('subject') ? pattern.test(input.subject) : pattern.test(`${input.subject}\n${input.text}`)
    )
      found.add(what);
  }
  if (found.size === 0) return { rule, met: true, detail: 'No severity or CVSS is given.' };
  return { rule, met: false, detail: `The reporter gives ${[...found].join(' and ')}.` };
}

const cveId = /\bCVE-\d{4}-\d{4,}\b/gi;
const assigned =
  /\b(?:assigned|reserved|requested|obtained|allocated|issued|got|been given|CVE(?:\s+ID)?\s*[:#=])\s*(?:(?:a|the|as|to|from|by|MITRE|VulDB)\s+){0,3}$/i;
const earlier =
  /\b(?:similar to|like|of|for|bypass(?:es|ing)?|regression|variant|related to|see|previous(?:ly)?|known|incomplete|after|since|as in|same as|fixed in|patched)\b[^.\n]{0,25}$/i;
const requestedElsewhere = /\b(?:requested|reserved|obtained|applied for|filed for)\b[^.\n]{0,25}\bCVE\b/i;

function cveItem(input: PolicyInput): PolicyItem {
  const rule = policyRules.noCveId;
  const text = `${input.subject}\n${input.text}`;
  const ids = [...text.matchAll(cveId)];
  let reference = false;
  for (const match of ids) {
    const before = text.slice(Math.max(0, (match.index ?? 0) - 60), match.index);
    if (assigned.test(before) || (match.index ?? 0) < input.subject.length) {
      return { rule, met: false, detail: `The reporter gives a CVE ID as this report's (${match[0]}).` };
    }
    if (earlier.test(before)) reference = true;
    else return { rule, met: 'unknown', detail: `Mentions ${match[0]}: check whether it is an earlier CVE.` };
  }
  if (requestedElsewhere.test(text)) {
    return { rule, met: false, detail: 'The reporter says they requested a CVE ID elsewhere.' };
  }
  if (reference) return { rule, met: true, detail: 'Mentions only earlier CVEs.' };
  return { rule, met: true, detail: 'No CVE ID is given.' };
}

function supportedItem(versions: NamedVersion[], context: PolicyContext): PolicyItem {
  const rule = policyRules.supported;
  if (versions.length === 0) return { rule, met: 'unknown', detail: 'No version is named.' };
  const statusOf = (v: NamedVersion): BranchStatus | null =>
    v.prerelease
      ? 'prerelease'
      : (context.supportedVersions.find((b) => b.series === v.series)?.status ?? null);
  const statuses = versions.map((v) => ({ v, status: statusOf(v) }));
  const supported = statuses.filter(({ status }) => status === 'bugfix' || status === 'security');
  if (supported.length > 0) {
    return { rule, met: true, detail: `Supported: ${supported.map(({ v }) => v.text).join(', ')}.` };
  }
  if (statuses.some(({ status }) => status === null)) {
    const unknown = statuses.filter(({ status }) => status === null).map(({ v }) => v.text);
    return { rule, met: 'unknown', detail: `Status unknown for ${unknown.join(', ')}.` };
  }
  const words = statuses.map(({ v, status }) => `${v.text} (${status})`).join(', ');
  const onlyPre = statuses.every(({ status }) => status === 'prerelease' || status === 'feature');
  const why = onlyPre
    ? 'versions that are not yet stable are not eligible for CVE IDs; report it as a regular bug'
    : 'only versions no longer supported';
  return { rule, met: false, detail: `Only ${words}: ${why}.` };
}

/** The policy checklist of an incoming report, and what to ask the reporter for. */
export function policyChecklist(input: PolicyInput, context: PolicyContext): PolicyChecklist {
  const versions = namedVersions(`${input.subject}\n${input.text}`);
  const plain = plainTextItem(input.attachments);
  const named = versionsItem(versions);
  const poc = proofOfConceptItem(input);
  const items = [
    plain,
    named,
    poc,
    severityItem(input),
    cveItem(input),
    supportedItem(versions, context),
    scopeItem(input, versions.length > 0),
  ];
  const missing: string[] = [];
  if (named.met === false) missing.push(missingInformation.versions);
  if (poc.met === false) missing.push(missingInformation.proofOfConcept);
  if (plain.met === false) missing.push(missingInformation.plainText);
  return { items, missing };
}
