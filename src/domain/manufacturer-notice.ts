// Recognises a manufacturer's notice under the EU Cyber Resilience Act, Art. 13(6): "a
// manufacturer that identifies a vulnerability in a component, including an
// open-source component, … shall report the vulnerability to the person or entity
// manufacturing or maintaining the component". Such mail is not an ordinary report:
// the triage queue marks it. Pure heuristics; the evidence names what was found.

export interface NoticeInput {
  subject: string;
  text: string;
  /** The sender's address (`psirt@vendor.example`), or null. */
  from: string | null;
}

export interface ManufacturerNotice {
  isNotice: boolean;
  /** What points to a notice, in words ("names Article 13(6) of the CRA"). */
  evidence: string[];
  /** The manufacturer, when the notice names it ("Acme Industrial GmbH") or its domain does. */
  vendor: string | null;
}

// The regulation, by its names. A bare "CRA" is only counted beside Cyber Resilience Act
// words or an article: reporters write "CRA" for other things (a CRA-style loan, a Cray).
const regulation = /\b(?:Cyber[- ]Resilience[- ]Act|Regulation\s*\(EU\)\s*2024\/2847|EU\s*2024\/2847)\b/i;
const article = /\b(?:Art(?:icle|\.)?\s*13\s*\(\s*6\s*\)|Art(?:icle|\.)?\s*13\.6\b)/i;
const craWithArticle =
  /\bCRA\b[^.\n]{0,40}\bArt(?:icle|\.)?\s*\d+|\bArt(?:icle|\.)?\s*\d+[^.\n]{0,20}\bCRA\b/;
const manufacturer =
  /\b(?:we are|as) (?:the|a) manufacturer(?:s)? of (?:a |the )?(?:product|device|appliance|firmware|software)|\bproducts? with digital elements\b|\bas (?:the )?manufacturer\b|\bin our capacity as (?:a |the )?manufacturer\b/i;
const integration =
  /\b(?:our|the) (?:product|products|firmware|appliance|device|platform|SDK)\b[^.\n]{0,60}\b(?:ships|bundles|embeds|includes|integrates|uses|is built on|contains|is based on)\b[^.\n]{0,40}\b(?:Python|CPython|pip|component)\b|\b(?:integrated|embedded|bundled) (?:component|copy of (?:C?Python|pip))\b|\b(?:C?Python|pip)\b[^\n]{0,30}?\bas (?:a|an|one) (?:\w+ )?component\b/i;
const componentDuty =
  /\b(?:(?:reporting|report|notify)[^.\n]{0,60}\b(?:entity|person) (?:manufacturing or )?maintaining (?:it|the component)|maintainer of the component|report(?:ing)? the vulnerability to (?:the )?(?:maintainers?|you)\b[^.\n]{0,30}\b(?:obligation|required|article))/i;
const psirt = /\b(?:PSIRT|product security incident response team)\b/i;

// "Acme Industrial GmbH", "Contoso Ltd.", "Initech Inc." — a company's name as signed.
const companyName =
  /\b((?:[A-Z][\w&-]*\s){0,3}[A-Z][\w&-]*\s(?:GmbH|AG|SE|S\.A\.|SAS|S\.p\.A\.|B\.V\.|N\.V\.|Ltd\.?|Limited|Inc\.?|LLC|Oy|AB|A\/S|plc|Corp(?:oration)?\.?))(?=[\s,.;)]|$)/;
const freeMail = /@(?:gmail|googlemail|outlook|hotmail|yahoo|proton(?:mail)?|icloud|gmx|web|mail)\.\w+$/i;

function vendorOf(input: NoticeInput): string | null {
  const named = companyName.exec(`${input.text}\n${input.subject}`)?.[1];
  if (named) return named.trim();
  const domain = input.from?.split('@')[1];
  if (!domain || freeMail.test(input.from ?? '')) return null;
  // psirt@security.acme.example → acme.example: the organisation's own domain.
  return domain.toLowerCase().split('.').slice(-2).join('.');
}

/** Whether the mail is a manufacturer's Art. 13(6) notice, and why. */
export function manufacturerNotice(input: NoticeInput): ManufacturerNotice {
  // Mail wraps its lines anywhere: a phrase split over two lines is still one phrase.
  const text = `${input.subject}\n${input.text}`.replace(/[ \t]*\r?\n[ \t]*(?=\S)/g, ' ');
  const evidence: string[] = [];
  const regulationNamed = regulation.test(text);
  if (regulationNamed) evidence.push('names the Cyber Resilience Act (Regulation (EU) 2024/2847)');
  if (article.test(text))
    evidence.push('names Article 13(6), the manufacturer’s duty to report to a component’s maintainer');
  else if (craWithArticle.test(text)) evidence.push('names an article of the CRA');
  if (manufacturer.test(text))
    evidence.push('the sender writes as the manufacturer of a product with digital elements');
  if (integration.test(text)) evidence.push('says Python is a component of their product');
  if (componentDuty.test(text))
    evidence.push('reports to the component’s maintainer as the regulation requires');
  if (psirt.test(text)) evidence.push('comes from a product security team (PSIRT)');
  const legal = evidence.filter((e) => e.startsWith('names')).length;
  const role = evidence.length - legal;
  // The law alone is talk about the CRA (a question, a newsletter); a manufacturer's role
  // alone is an ordinary vendor report. A notice has both, or the article itself and a role.
  const isNotice = legal > 0 && role > 0;
  return { isNotice, evidence, vendor: isNotice ? vendorOf(input) : null };
}
