// The one stylesheet, served from /static/app.css (a strict CSP forbids inline styles), written
// in parts by what they style and served as one, in this order (later rules win).
import { account } from './styles/account.ts';
import { base } from './styles/base.ts';
import { cvss } from './styles/cvss.ts';
import { intake } from './styles/intake.ts';
import { metrics } from './styles/metrics.ts';
import { reports } from './styles/reports.ts';
import { team } from './styles/team.ts';

export const stylesheet = [base, cvss, reports, team, metrics, account, intake].join('');
