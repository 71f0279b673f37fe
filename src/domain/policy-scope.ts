// Whether a report is for the PSF CNA at all: CPython, pip and the PSF's other
// projects and websites are; a third-party package on PyPI, or PyPI itself, is
// someone else's to handle. Heuristics over the repository and the text.
import { type PolicyInput, type PolicyItem, policyRules } from './policy-rules.ts';
import { mentionedModules } from './python-modules.ts';

const rule = policyRules.scope;

/** GitHub owners whose repositories are the PSF's: CPython's, the PSF's own, and pip. */
const psfRepository = (repository: string): boolean =>
  /^(?:python|psf)\//i.test(repository) || repository.toLowerCase() === 'pypa/pip';

// Popular third-party projects reporters name as the vulnerable one.
const thirdParty =
  /\b(django|flask|requests|urllib3|numpy|pandas|pillow|PyYAML|jinja2|werkzeug|cryptography|paramiko|aiohttp|tornado|fastapi|starlette|pydantic|scipy|setuptools|poetry|pipenv|conda|anaconda|twisted|lxml|sqlalchemy|celery|boto3|tensorflow|torch|pytorch|transformers|langchain|gunicorn|uvicorn|httpx|certifi|idna|mlflow)\b/gi;
const pipInstall = /\bpip3?\s+install\s+(?:-[-\w]+\s+)*(?!-)([\w.[\]-]+)/gi;
const pypiProject =
  /\bpypi\.org\/(?:project|simple)\/([\w.-]+)|\b(?:package|library|project|module)\s+`?([\w.-]+)`?\s+(?:on|from)\s+PyPI\b|\bPyPI\s+(?:package|project)\s+`?([\w.-]+)`?/gi;
const pypiItself =
  /\b(?:pypi\.org|warehouse|PyPI's (?:website|API|upload)|malicious package|typosquat\w*)\b/i;
const cpython =
  /\b(?:CPython|standard library|stdlib|python\.org|docs\.python\.org|the Python interpreter|python\/cpython|Lib\/|Modules\/|Objects\/|Python\/\w+\.c)\b|\bpip\b(?!\s+install)|\bpip\s+install\b[^\n]*--(?:index-url|extra-index-url|trusted-host)/i;

/** The scope item of the policy checklist; `namesVersions` counts as a hint of CPython. */
export function scopeItem(
  input: Pick<PolicyInput, 'subject' | 'text' | 'repository'>,
  namesVersions: boolean,
): PolicyItem {
  if (input.repository !== null) {
    return psfRepository(input.repository)
      ? { rule, met: true, detail: `${input.repository} is a PSF project.` }
      : {
          rule,
          met: false,
          detail: `${input.repository} is not a PSF project: another CNA or its maintainers handle it.`,
        };
  }
  const text = `${input.subject}\n${input.text}`;
  const others = new Set<string>();
  for (const m of text.matchAll(thirdParty)) others.add((m[1] ?? '').toLowerCase());
  for (const m of text.matchAll(pipInstall)) {
    const name = (m[1] ?? '').toLowerCase().replace(/\[.*$/, '');
    if (name && name !== 'pip' && name !== '.' && !name.startsWith('-')) others.add(name);
  }
  for (const m of text.matchAll(pypiProject)) {
    const name = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
    if (name && name !== 'pip') others.add(name);
  }
  const modules = mentionedModules(text);
  const ours = cpython.test(text) || modules.length > 0;
  if (others.size > 0 && !ours) {
    return {
      rule,
      met: false,
      detail: `About a third-party package (${[...others].join(', ')}): its maintainers handle it, not the PSF CNA.`,
    };
  }
  if (pypiItself.test(text) && !ours) {
    return { rule, met: false, detail: "About PyPI: PyPI's security team handles it (security@pypi.org)." };
  }
  if (others.size > 0) {
    return {
      rule,
      met: 'unknown',
      detail: `Names both CPython and third-party packages (${[...others].join(', ')}): check which is vulnerable.`,
    };
  }
  if (ours) {
    const what =
      modules.length > 0
        ? `the standard library (${modules.slice(0, 5).join(', ')})`
        : 'CPython, pip or python.org';
    return { rule, met: true, detail: `About ${what}.` };
  }
  if (namesVersions) return { rule, met: true, detail: 'Names Python versions and no other project.' };
  return { rule, met: 'unknown', detail: 'No project is recognised: check which one is affected.' };
}
