// Navigation, members, audit, coverage, effects, sandbox and advisories.
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const team = `
/* ---- Navigation, members, audit, coverage, effects, sandbox and advisories (pages helper) ---- */
header.top { display:block; padding:0; }
header.top .bar { display:flex; align-items:center; gap:14px; padding:8px 24px; flex-wrap:wrap; }
header.top nav.main { margin-left:10px; gap:2px; }
header.top nav.main a.nav { color:var(--fg); padding:6px 10px; border-radius:6px; }
header.top nav.main a.nav:hover { background:#f2f4f7; }
header.top nav.main a.nav[aria-current=page] { background:#eef3fb; color:var(--accent); font-weight:600; }
header.top .account { margin-left:auto; display:flex; align-items:center; gap:12px; }
header.top nav.sandbox-strip { margin:0; display:flex; gap:18px; align-items:center; padding:5px 24px; font-size:13px; background:#fffaeb; border-top:1px solid #fedf89; }
/* The header's contents start and end where the page's do (main: 1180 px with 24 px padding), its colours span the window. */
header.top .bar, header.top nav.sandbox-strip { padding-left:max(24px, calc((100% - 1132px) / 2)); padding-right:max(24px, calc((100% - 1132px) / 2)); }
header.top nav.sandbox-strip a.nav:first-child { font-weight:600; color:#93370d; }
header.top nav.sandbox-strip a.nav[aria-current=page] { text-decoration:underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12.5px; }
a.plain { color:inherit; text-decoration:none; }
a.plain:hover { color:var(--accent); text-decoration:underline; }
.heading { display:flex; align-items:baseline; gap:16px; }
a.feed { font-size:13px; color:#b54708; text-decoration:none; border:1px solid #fedf89; background:#fffaeb; border-radius:10px; padding:1px 9px; }
table.reports th.num, table.reports td.num { text-align:right; font-variant-numeric:tabular-nums; }
td.login a { color:var(--accent); text-decoration:none; }
td.date, td.date time { white-space:nowrap; font-size:13px; }
.banner { display:flex; align-items:center; gap:16px; justify-content:space-between; margin:0 0 16px; padding:12px 16px; border-radius:8px; border:1px solid var(--line); background:#fff; }
.banner p { margin:0; }
.banner.good { background:#ecfdf3; border-color:#abefc6; }
.banner.bad { background:#fef3f2; border-color:#fecdca; color:#912018; }
.banner.neutral { background:#f9fafb; }
.banner .sub { margin-top:2px; overflow-wrap:anywhere; }
.toolbar { display:flex; align-items:center; gap:12px; margin:0 0 14px; flex-wrap:wrap; }
.toolbar p { margin:0 auto 0 0; color:var(--muted); }
td.id a:hover, ul.links a:hover { text-decoration:underline; }
ul.links a, .cards a { color:var(--accent); text-decoration:none; }
td.id a.sub { font-family:system-ui, sans-serif; }
.table-scroll { overflow-x:auto; }
h1.advisory-title { font-size:24px; margin:0 0 14px; max-width:60em; overflow-wrap:anywhere; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:6px 18px; align-items:baseline; margin:0 0 20px; padding:14px 18px; background:#fff; border:1px solid var(--line); border-radius:8px; max-width:720px; }
.advisory-summary { display:grid; grid-template-columns:minmax(0, 1fr) 300px; gap:16px; align-items:stretch; max-width:980px; margin:0 0 20px; }
.advisory-summary dl.facts { margin:0; max-width:none; }
.advisory-summary section.records { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 18px; }
.advisory-summary section.records h2 { margin:0 0 8px; font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); }
@media (max-width: 760px) { .advisory-summary { grid-template-columns:1fr; } }
dl.facts dt { color:var(--muted); font-size:13px; }
dl.facts dd { margin:0; }
dl.facts dd.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
ul.links { margin:0; padding-left:18px; display:grid; gap:4px; }
.mail-text { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 18px; max-width:980px; }
.mail-text .subject { font-weight:600; margin:0 0 10px; overflow-wrap:anywhere; }
table.members td.name { font-weight:500; }
table.members.public { max-width:760px; }
.badge.role { margin:0 4px 2px 0; }
.badge.role.admin { background:#eef3fb; border-color:#b2ccff; color:var(--accent); }
ul.emeritus { list-style:none; padding:0; margin:0; columns:3 220px; column-gap:24px; }
ul.emeritus li { padding:2px 0; break-inside:avoid; }
ul.emeritus a { color:var(--muted); font-size:13px; }
nav.subnav { margin:0 0 14px; font-size:14px; }
ul.changes { margin:0; padding-left:18px; display:grid; gap:4px; max-width:980px; }
.membership-forms { display:grid; grid-template-columns:repeat(auto-fit, minmax(300px, 1fr)); gap:24px; max-width:980px; align-items:start; }
.membership-forms form.stack { align-content:start; }
form.narrow fieldset { border:0; padding:0; margin:0; display:grid; gap:4px; }
form.narrow legend { font-size:13px; color:var(--muted); padding:0; margin-bottom:3px; }
table.audit td.change { min-width:320px; }
table.audit td.event, table.audit td.actor { white-space:nowrap; font-size:14px; }
table.audit td.action code { white-space:nowrap; }
table.diff { border-collapse:collapse; font-size:13px; }
table.reports table.diff th, table.reports table.diff td { background:none; border:0; text-transform:none; letter-spacing:0; font-size:13px; }
table.reports table.diff th { text-align:left; font-weight:500; color:var(--muted); padding:1px 10px 1px 0; vertical-align:top; white-space:nowrap; }
table.reports table.diff td { padding:1px 4px; vertical-align:top; overflow-wrap:anywhere; }
ul.items { margin:0; padding-left:14px; }
table.diff td.from .value { color:#912018; text-decoration:line-through; text-decoration-color:#fda29b; }
table.diff td.to .value { color:#05603a; }
table.diff td.arrow { color:var(--muted); }
dl.change { display:grid; grid-template-columns:minmax(130px, max-content) minmax(0, 1fr); gap:1px 10px; margin:0; font-size:13px; }
dl.change dt { color:var(--muted); }
dl.change dd { margin:0; overflow-wrap:anywhere; }
details.value summary { cursor:pointer; color:var(--fg); }
details.value pre { white-space:pre-wrap; overflow-wrap:anywhere; margin:4px 0; font-size:12px; max-height:320px; overflow:auto; background:#f9fafb; padding:6px 8px; border-radius:4px; }
.count { display:inline-block; min-width:20px; padding:0 6px; border-radius:9px; background:#f2f4f7; font-size:12px; text-align:center; }
.count.failed { background:#fee4e2; color:#b42318; }
.status.failed { background:#fef3f2; border-color:#fecdca; color:#b42318; }
.status.pending { background:#eff8ff; border-color:#b2ddff; }
.status.claimed { background:#f4f3ff; border-color:#d9d6fe; }
.status.done { background:#ecfdf3; border-color:#abefc6; }
table.effects code.sub { font-size:11.5px; }
/* Fixed columns: the failed table and the done one line up, and a long error wraps in its own column. */
table.effects { table-layout:fixed; min-width:980px; }
table.effects th:nth-child(1) { width:66px; }
table.effects th:nth-child(3) { width:130px; }
table.effects th:nth-child(4) { width:92px; }
table.effects th:nth-child(5) { width:110px; }
table.effects th:nth-child(6) { width:160px; }
table.effects th:nth-child(7) { width:25%; }
table.effects th:nth-child(8) { width:72px; }
table.effects td.error { font-size:13px; color:#912018; overflow-wrap:anywhere; }
.yes { color:var(--ok); font-weight:600; }
.no { color:var(--overdue); font-weight:600; }
.coverage.ok { background:#ecfdf3; border-color:#abefc6; color:#067647; }
.coverage.needs-action { background:#fffaeb; border-color:#fedf89; color:#b54708; }
table.coverage td.todo ul { margin:0; padding-left:16px; font-size:13px; }
table.coverage td.repo { font-weight:500; white-space:nowrap; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:14px; }
`;
