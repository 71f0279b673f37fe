// The text of each CRA stage's submission, with the fields Art. 14(2) (vulnerability) and 14(4)
// (severe incident) list: filled from the report's facts where it has them, completed by a person,
// checked for missing required fields, and frozen as submitted.
import type { CraStage } from './cra.ts';
import { isCommitRange, type Report } from './report.ts';

interface DraftFieldRule {
  key: string;
  label: string;
  /** The article that asks for it, for the person completing the draft. */
  article: string;
  required: boolean;
  /** What the report already says, or null when a person must write it. */
  fill: (report: Report) => string | null;
}

const product = (report: Report): string => {
  const versions = report.affected.map((range) =>
    isCommitRange(range)
      ? `${range.repo} before ${range.fixed.join(', ') || 'a fix'}`
      : `${range.package} ${range.vulnerableVersionRange}`,
  );
  return `${report.repository} (Python Software Foundation, open-source software steward)${
    versions.length > 0 ? `; affected: ${versions.join(', ')}` : ''
  }`;
};
const vulnerability = (report: Report): string =>
  [report.title, report.cveId, report.publication.cweIds?.join(', ')].filter(Boolean).join(' — ');
const measure = (report: Report): string | null => report.cra.measure?.description ?? null;
const sensitivity = (report: Report): string =>
  report.state === 'published'
    ? 'Public: the advisory is published.'
    : 'Embargoed: not public until the PSF publishes its advisory; share only with the CSIRT and ENISA.';
const awareness = (report: Report): string | null =>
  report.cra.exploitationAwareAt
    ? `${report.cra.exploitationAwareAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : null;
const evidence = (report: Report): string | null =>
  report.cra.exploitation?.status === 'exploited' ? report.cra.exploitation.evidence : null;
const incident = (report: Report): string | null => report.cra.incident?.description ?? null;
const none = () => null;

const field = (key: string, label: string, article: string, fill: DraftFieldRule['fill'] = none) => ({
  key,
  label,
  article,
  required: true,
  fill,
});
const optional = (rule: DraftFieldRule): DraftFieldRule => ({ ...rule, required: false });

export const draftRules: Readonly<Record<CraStage, readonly DraftFieldRule[]>> = {
  'early-warning': [
    field('product', 'Product with digital elements', 'Art. 14(2)(a)', product),
    field('vulnerability', 'Actively exploited vulnerability', 'Art. 14(2)(a)', vulnerability),
    field('awareAt', 'Became aware of active exploitation (UTC)', 'Art. 14(2)(a)', awareness),
    optional(field('maliciousActs', 'Suspected to be caused by unlawful or malicious acts', 'Art. 14(2)(a)')),
    field('memberStates', 'Member States where the product is made available', 'Art. 14(2)(a)'),
  ],
  notification: [
    field('product', 'General information about the product', 'Art. 14(2)(b)', product),
    field('exploitNature', 'General nature of the exploit', 'Art. 14(2)(b)', evidence),
    field('vulnerabilityNature', 'General nature of the vulnerability', 'Art. 14(2)(b)', vulnerability),
    field('measuresTaken', 'Corrective or mitigating measures taken', 'Art. 14(2)(b)', measure),
    field('userMeasures', 'Corrective or mitigating measures users can take', 'Art. 14(2)(b)', measure),
    field('sensitivity', 'How sensitive the notified information is', 'Art. 14(2)(b)', sensitivity),
  ],
  'final-report': [
    field(
      'description',
      'Description of the vulnerability, its severity and impact',
      'Art. 14(2)(c)(i)',
      (r) => [vulnerability(r), r.cvssVector].filter(Boolean).join('; '),
    ),
    optional(
      field('maliciousActor', 'Information on any malicious actor that exploited it', 'Art. 14(2)(c)(ii)'),
    ),
    field(
      'securityUpdate',
      'Details of the security update or other corrective measures',
      'Art. 14(2)(c)(iii)',
      measure,
    ),
  ],
  'incident-early-warning': [
    field('incident', 'The severe incident', 'Art. 14(4)(a)', incident),
    field('maliciousActs', 'Suspected to be caused by unlawful or malicious acts', 'Art. 14(4)(a)'),
    optional(field('memberStates', 'Member States affected', 'Art. 14(4)(a)')),
  ],
  'incident-notification': [
    field('nature', 'General nature of the incident', 'Art. 14(4)(b)', incident),
    field('assessment', 'Initial assessment of the incident', 'Art. 14(4)(b)'),
    field('measuresTaken', 'Corrective or mitigating measures taken', 'Art. 14(4)(b)'),
    field('userMeasures', 'Corrective or mitigating measures users can take', 'Art. 14(4)(b)'),
    field('sensitivity', 'How sensitive the notified information is', 'Art. 14(4)(b)', sensitivity),
  ],
  'incident-final-report': [
    field(
      'description',
      'Description of the incident, its severity and impact',
      'Art. 14(4)(c)(i)',
      incident,
    ),
    field('rootCause', 'Type of threat or root cause that likely triggered it', 'Art. 14(4)(c)(ii)'),
    field('measures', 'Mitigating measures applied and ongoing', 'Art. 14(4)(c)(iii)'),
  ],
};

export interface DraftField {
  key: string;
  label: string;
  article: string;
  required: boolean;
  value: string;
  /** `person`: written in the draft; `report`: taken from the report's facts; `missing`: nobody has yet. */
  source: 'person' | 'report' | 'missing';
}

export interface CraDraft {
  stage: CraStage;
  fields: DraftField[];
  /** Labels of the required fields still empty: the draft cannot be submitted until they are written. */
  missing: string[];
}

/** A stage's draft as it stands: what a person wrote, else what the report says. */
export function craDraft(report: Report, stage: CraStage): CraDraft {
  const written = report.cra.drafts[stage] ?? {};
  const fields = draftRules[stage].map((rule): DraftField => {
    const own = written[rule.key]?.trim();
    const filled = rule.fill(report)?.trim();
    const value = own || filled || '';
    const source = own ? 'person' : filled ? 'report' : 'missing';
    return {
      key: rule.key,
      label: rule.label,
      article: rule.article,
      required: rule.required,
      value,
      source,
    };
  });
  const missing = fields.filter((f) => f.required && f.value === '').map((f) => f.label);
  return { stage, fields, missing };
}

/** The keys a stage's draft has, to refuse a field that is not one of them. */
export const draftFieldKeys = (stage: CraStage): string[] => draftRules[stage].map((rule) => rule.key);
