// The one stylesheet, served from /static/app.css (a strict CSP forbids inline styles).
export const stylesheet = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dde5; --bg:#f6f7f9; --accent:#2f5d9b;
  --overdue:#b42318; --soon:#b54708; --ok:#067647; --stopped:#667085; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
header.top { display:flex; align-items:center; gap:12px; padding:10px 24px; background:#fff; border-bottom:1px solid var(--line); }
header.top nav { margin-left:auto; display:flex; gap:18px; align-items:center; }
a.nav { color:var(--accent); text-decoration:none; }
.brand { font-weight:700; font-size:18px; color:var(--fg); text-decoration:none; letter-spacing:.02em; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; border:1px solid var(--line); background:#fff; white-space:nowrap; }
.badge.sandbox { background:#fef0c7; border-color:#fec84b; }
main { max-width:1180px; margin:24px auto; padding:0 24px; }
h1 { font-size:22px; margin:0 0 4px; }
p.lead { color:var(--muted); margin:0 0 18px; }
form.inline { display:inline-flex; gap:10px; align-items:center; margin:0; }
button.link { background:none; border:none; color:var(--accent); cursor:pointer; font:inherit; padding:0; }
.who { color:var(--muted); }
table.reports { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
table.reports th, table.reports td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
table.reports th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; }
td.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:13px; white-space:nowrap; }
td.title .repo { display:block; color:var(--muted); font-size:13px; }
.state { font-size:12px; }
.state.triage { background:#eff4ff; border-color:#b2ccff; }
.state.accepted { background:#ecfdf3; border-color:#abefc6; }
.clock { font-weight:600; white-space:nowrap; }
.clock.overdue { color:var(--overdue); }
.clock.due-soon { color:var(--soon); }
.clock.on-track { color:var(--ok); }
.clock.stopped { color:var(--stopped); }
.sub { display:block; font-size:12px; color:var(--muted); font-weight:400; }
.alert { color:var(--soon); font-size:13px; display:block; }
.alert.overdue { color:var(--overdue); }
.pager { display:flex; gap:16px; margin:12px 0; color:var(--muted); }
.empty { background:#fff; border:1px dashed var(--line); padding:32px; text-align:center; color:var(--muted); }
.people { display:grid; grid-template-columns:repeat(auto-fill, minmax(230px, 1fr)); gap:10px; margin:0 0 24px; padding:0; list-style:none; }
.people button { width:100%; text-align:left; background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; cursor:pointer; font:inherit; }
.people button:hover, .people button:focus { border-color:var(--accent); outline:none; box-shadow:0 0 0 2px #d1e0ff; }
.people .login { display:block; color:var(--muted); font-size:13px; }
.people .badge { margin-right:4px; margin-top:4px; }
h2 { font-size:16px; margin:20px 0 10px; }
ol.mail { list-style:none; margin:0; padding:0; display:grid; gap:12px; }
ol.mail article { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; }
ol.mail h2 { margin:0 0 6px; }
dl.headers { display:grid; grid-template-columns:max-content 1fr; gap:2px 12px; margin:0 0 10px; font-size:13px; }
dl.headers dt { color:var(--muted); }
dl.headers dd { margin:0; }
pre.body { margin:0; white-space:pre-wrap; overflow-wrap:anywhere; font:13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
/* ---- Navigation, members, audit, coverage, effects, sandbox and advisories (pages helper) ---- */
header.top { display:block; padding:0; }
header.top .bar { display:flex; align-items:center; gap:14px; padding:8px 24px; flex-wrap:wrap; }
header.top nav.main { margin-left:10px; gap:2px; }
header.top nav.main a.nav { color:var(--fg); padding:6px 10px; border-radius:6px; }
header.top nav.main a.nav:hover { background:#f2f4f7; }
header.top nav.main a.nav[aria-current=page] { background:#eef3fb; color:var(--accent); font-weight:600; }
header.top .account { margin-left:auto; display:flex; align-items:center; gap:12px; }
header.top nav.sandbox-strip { margin:0; display:flex; gap:18px; align-items:center; padding:5px 24px; font-size:13px; background:#fffaeb; border-top:1px solid #fedf89; }
header.top nav.sandbox-strip a.nav:first-child { font-weight:600; color:#93370d; }
header.top nav.sandbox-strip a.nav[aria-current=page] { text-decoration:underline; }
.muted { color:var(--muted); }
.mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12.5px; }
a.plain { color:inherit; text-decoration:none; }
a.plain:hover { color:var(--accent); text-decoration:underline; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.heading { display:flex; align-items:baseline; gap:16px; }
a.feed { font-size:13px; color:#b54708; text-decoration:none; border:1px solid #fedf89; background:#fffaeb; border-radius:10px; padding:1px 9px; }
.crumbs { margin:0 0 6px; font-size:13px; }
.crumbs a { color:var(--muted); }
table.reports th.num, table.reports td.num { text-align:right; font-variant-numeric:tabular-nums; }
td.login a { color:var(--accent); text-decoration:none; }
td.date, td.date time { white-space:nowrap; font-size:13px; }
.button { font:inherit; font-size:14px; padding:6px 14px; border-radius:6px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; white-space:nowrap; }
.button:hover { filter:brightness(1.08); }
.button.secondary { background:#fff; color:var(--accent); border-color:var(--line); }
.button.small { font-size:13px; padding:3px 10px; }
.banner { display:flex; align-items:center; gap:16px; justify-content:space-between; margin:0 0 16px; padding:12px 16px; border-radius:8px; border:1px solid var(--line); background:#fff; }
.banner p { margin:0; }
.banner.good { background:#ecfdf3; border-color:#abefc6; }
.banner.bad { background:#fef3f2; border-color:#fecdca; color:#912018; }
.banner.neutral { background:#f9fafb; }
.banner .sub { margin-top:2px; overflow-wrap:anywhere; }
.flash { margin:0 0 16px; padding:10px 14px; border-radius:8px; background:#eff8ff; border:1px solid #b2ddff; }
.toolbar { display:flex; align-items:center; gap:12px; margin:0 0 14px; flex-wrap:wrap; }
.toolbar p { margin:0 auto 0 0; color:var(--muted); }
form.filters { display:flex; gap:12px; align-items:flex-end; margin:0 0 14px; flex-wrap:wrap; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:3px; }
form.filters input { font:inherit; font-size:14px; padding:5px 8px; border:1px solid var(--line); border-radius:6px; min-width:220px; }
.severity.low { background:#f0f9ff; border-color:#b9e6fe; }
.severity.medium { background:#fffaeb; border-color:#fedf89; }
.severity.high { background:#fef3f2; border-color:#fecdca; color:#b42318; }
.severity.critical { background:#b42318; border-color:#b42318; color:#fff; }
table.advisories td.id a, td.id a { color:var(--accent); text-decoration:none; font-weight:600; }
td.id a:hover, ul.links a:hover { text-decoration:underline; }
td.id a.sub { font-weight:400; font-family:system-ui, sans-serif; }
.table-scroll { overflow-x:auto; }
ul.links a, .card a, .crumbs a:hover { color:var(--accent); text-decoration:none; }
h1.advisory-title { font-size:24px; margin:0 0 14px; max-width:60em; overflow-wrap:anywhere; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:6px 18px; margin:0 0 20px; padding:14px 18px; background:#fff; border:1px solid var(--line); border-radius:8px; max-width:720px; }
dl.facts dt { color:var(--muted); font-size:13px; }
dl.facts dd { margin:0; }
dl.facts dd.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
ul.links { margin:0; padding-left:18px; display:grid; gap:4px; }
.mail-text { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 18px; max-width:860px; }
.mail-text .subject { font-weight:600; margin:0 0 10px; overflow-wrap:anywhere; }
table.members td.name { font-weight:500; }
.badge.role { margin:0 4px 2px 0; }
.badge.role.admin { background:#eef3fb; border-color:#b2ccff; color:var(--accent); }
ul.emeritus { list-style:none; padding:0; margin:0; columns:3 220px; column-gap:24px; }
ul.emeritus li { padding:2px 0; break-inside:avoid; }
ul.emeritus a { color:var(--muted); font-size:13px; }
table.audit td.change { min-width:320px; }
table.audit td.action code { white-space:nowrap; }
table.diff { border-collapse:collapse; font-size:13px; }
table.reports table.diff th, table.reports table.diff td { background:none; border:0; text-transform:none; letter-spacing:0; font-size:13px; }
table.reports table.diff th { text-align:left; font-weight:500; color:var(--muted); padding:1px 10px 1px 0; vertical-align:top; white-space:nowrap; }
table.reports table.diff td { padding:1px 4px; vertical-align:top; overflow-wrap:anywhere; }
ul.items { margin:0; padding-left:14px; }
table.diff td.from .value { color:#912018; text-decoration:line-through; text-decoration-color:#fda29b; }
table.diff td.to .value { color:#05603a; }
table.diff td.arrow { color:var(--muted); }
dl.fields { display:grid; grid-template-columns:max-content 1fr; gap:1px 10px; margin:0; font-size:13px; }
dl.fields dt { color:var(--muted); }
dl.fields dd { margin:0; overflow-wrap:anywhere; }
details.value summary { cursor:pointer; color:var(--fg); }
details.value pre { white-space:pre-wrap; overflow-wrap:anywhere; margin:4px 0; font-size:12px; max-height:320px; overflow:auto; background:#f9fafb; padding:6px 8px; border-radius:4px; }
nav.tabs { display:flex; gap:4px; margin:0 0 8px; border-bottom:1px solid var(--line); }
nav.tabs a { padding:7px 12px; color:var(--muted); text-decoration:none; border-bottom:2px solid transparent; margin-bottom:-1px; }
nav.tabs a[aria-current=page] { color:var(--fg); border-bottom-color:var(--accent); font-weight:600; }
.count { display:inline-block; min-width:20px; padding:0 6px; border-radius:9px; background:#f2f4f7; font-size:12px; text-align:center; }
.count.failed { background:#fee4e2; color:#b42318; }
.status.failed { background:#fef3f2; border-color:#fecdca; color:#b42318; }
.status.pending { background:#eff8ff; border-color:#b2ddff; }
.status.claimed { background:#f4f3ff; border-color:#d9d6fe; }
.status.done { background:#ecfdf3; border-color:#abefc6; }
table.effects code.sub { font-size:11.5px; }
table.effects td.error { font-size:13px; color:#912018; max-width:360px; overflow-wrap:anywhere; }
.yes { color:var(--ok); font-weight:600; }
.no { color:var(--overdue); font-weight:600; }
.coverage.ok { background:#ecfdf3; border-color:#abefc6; color:#067647; }
.coverage.needs-action { background:#fffaeb; border-color:#fedf89; color:#b54708; }
table.coverage td.todo ul { margin:0; padding-left:16px; font-size:13px; }
table.coverage td.repo { font-weight:500; white-space:nowrap; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:14px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 18px; }
.card h2 { margin:0 0 6px; }
.card p { color:var(--muted); margin:0 0 10px; font-size:14px; }
`;
