// Whether a nominee is what PEP 811 expects of a new member (a core developer,
// a triager or PSF staff): their permission on the core repository, asked of
// GitHub through the App, and the configured PSF staff list.
import { type Eligibility, eligibilityFrom } from '../domain/nominations.ts';
import { sameLogin } from '../domain/roster.ts';
import type { GitHubClient } from '../github/index.ts';
import { organisations } from './bot/installations.ts';
import { type AppContext, membershipSettingsOf } from './context.ts';
import { safeErrorMessage } from './errors.ts';

/** What applies to the nominee; unknown (and why) when GitHub cannot say. */
export async function nomineeEligibility(
  ctx: AppContext,
  github: GitHubClient | null,
  login: string,
): Promise<Eligibility> {
  const settings = membershipSettingsOf(ctx);
  const psfStaff = settings.psfStaff.some((staff) => sameLogin(staff, login));
  // Staff are known from the configuration alone: something applies, GitHub or not.
  const unknown = (why: string): Eligibility =>
    psfStaff ? eligibilityFrom(null, true) : { known: false, why };
  if (!github) return unknown('GitHub is not configured');
  const [owner = '', repo = ''] = settings.coreRepository.split('/');
  try {
    const installation = (await organisations(github, ctx.now())).find((o) => sameLogin(o.org, owner));
    if (!installation) return unknown(`the GitHub App is not installed on ${owner}`);
    const permission = await installation.client.getCollaboratorPermission(owner, repo, login);
    return eligibilityFrom(permission?.role_name ?? null, psfStaff);
  } catch (error) {
    return unknown(`GitHub did not answer (${safeErrorMessage(error)})`);
  }
}
