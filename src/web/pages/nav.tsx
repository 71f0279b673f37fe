// The header's navigation: the pages the person asking may open (the public
// ones for everyone, the team's for members, security@ for admins), the current one marked; and in
// the sandbox a strip of its own with the simulators and the outgoing mail.
import { useRequestContext } from 'hono/jsx-renderer';
import { isAllowed } from '../../app/authorize.ts';
import type { WebEnv } from '../env.ts';

interface NavItem {
  href: string;
  label: string;
  /** Who sees the link. */
  for: 'everyone' | 'signed-in' | 'members' | 'admins';
}

const items: readonly NavItem[] = [
  { href: '/reports', label: 'Reports', for: 'signed-in' },
  { href: '/advisories', label: 'Advisories', for: 'everyone' },
  { href: '/members', label: 'Members', for: 'everyone' },
  { href: '/nominations', label: 'Nominations', for: 'members' },
  { href: '/stats', label: 'Metrics', for: 'everyone' },
  { href: '/audit', label: 'Audit', for: 'members' },
  { href: '/coverage', label: 'Coverage', for: 'members' },
  { href: '/effects', label: 'Effects', for: 'members' },
  { href: '/intake', label: 'Intake', for: 'admins' },
  { href: '/tokens', label: 'Tokens', for: 'signed-in' },
];

/** Whether `path` is the page `href` or one under it. */
const isCurrent = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

export function MainNav() {
  const c = useRequestContext<WebEnv>();
  const principal = c.get('principal');
  const member = principal.kind === 'user' && principal.member;
  const signedIn = principal.kind === 'user';
  const sees: Record<NavItem['for'], boolean> = {
    everyone: true,
    'signed-in': signedIn,
    members: member,
    // Mail to security@ is triaged by admins (PEP 811): the same rule as the page's.
    admins: isAllowed(principal, 'intake.read'),
  };
  const shown = items.filter((item) => sees[item.for]);
  return (
    <nav class="main" aria-label="psrt">
      {shown.map((item) => (
        <a class="nav" href={item.href} aria-current={isCurrent(c.req.path, item.href) ? 'page' : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}

/** The sandbox's own strip: what is simulated, and for members where to see it. */
export function SandboxNav() {
  const c = useRequestContext<WebEnv>();
  const principal = c.get('principal');
  const member = principal.kind === 'user' && principal.member;
  return (
    <nav class="sandbox-strip" aria-label="Sandbox">
      <a class="nav" href="/sandbox" aria-current={c.req.path === '/sandbox' ? 'page' : undefined}>
        Sandbox
      </a>
      {member ? (
        <>
          <a class="nav" href="/sandbox/github">
            GitHub (simulated)
          </a>
          <a
            class="nav"
            href="/sandbox/mail"
            aria-current={c.req.path === '/sandbox/mail' ? 'page' : undefined}
          >
            Outgoing mail
          </a>
        </>
      ) : (
        <span class="muted">demo data; GitHub, CVE Services and mail are simulated on this machine</span>
      )}
    </nav>
  );
}
