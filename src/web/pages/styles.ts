// The one stylesheet, served from /static/app.css (a strict CSP forbids inline styles).
export const stylesheet = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dde5; --bg:#f6f7f9; --accent:#2f5d9b;
  --overdue:#b42318; --soon:#b54708; --ok:#067647; --stopped:#667085;
  /* The focus ring: 8:1 against white, so a keyboard user sees where they are (WCAG 1.4.11 asks 3:1). */
  --focus:#1849a9; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
header.top { display:flex; align-items:center; gap:12px; padding:10px 24px; background:#fff; border-bottom:1px solid var(--line); }
header.top nav { margin-left:auto; display:flex; gap:18px; align-items:center; }
a.nav { color:var(--accent); text-decoration:none; }
.brand { font-weight:700; font-size:18px; color:var(--fg); text-decoration:none; letter-spacing:.02em; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; border:1px solid var(--line); background:#fff; white-space:nowrap; }
.badge.sandbox { background:#fef0c7; border-color:#fec84b; }
main { max-width:1180px; margin:24px auto; padding:0 24px; }
/* The first stop of Tab on every page, seen only when focused: past the navigation, to the page's own content. */
a.skip { position:absolute; left:8px; top:-48px; z-index:10; padding:6px 12px; background:#fff; color:var(--accent); border-radius:6px; }
a.skip:focus { top:8px; }
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
/* CVSS v4.0 calculator (src/web/pages/cvss-calculator.tsx, /tools/cvss) */
.cvss-calculator { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 18px; }
.cvss-head { display:flex; gap:16px; align-items:stretch; }
.cvss-vector { flex:1; display:flex; flex-direction:column; gap:4px; min-width:0; }
.cvss-vector label, .cvss-section > legend { font-size:12px; font-weight:600; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.cvss-vector input { font:14px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding:9px 10px; border:1px solid var(--line); border-radius:6px; width:100%; color:var(--fg); }
.cvss-vector input:focus { outline:none; border-color:var(--accent); box-shadow:0 0 0 2px var(--focus); }
.cvss-vector input[aria-invalid="true"] { border-color:var(--overdue); box-shadow:0 0 0 2px #fee4e2; }
.cvss-score { display:grid; grid-template-columns:auto auto; grid-template-rows:auto auto; column-gap:10px; align-content:center; justify-content:start; min-width:170px; padding:6px 16px; border-radius:8px; }
.cvss-score .score { grid-row:span 2; font-size:30px; font-weight:700; line-height:1.1; font-variant-numeric:tabular-nums; align-self:center; }
.cvss-score .severity { font-weight:700; align-self:end; }
.cvss-score .nomenclature { font-size:12px; opacity:.85; align-self:start; }
.cvss-score.severity-unknown { background:#f2f4f7; color:var(--muted); }
.cvss-score.severity-none { background:#eaecf0; color:#344054; }
.cvss-score.severity-low { background:#fde272; color:#713b12; }
.cvss-score.severity-medium { background:#fdb022; color:#4e1d09; }
.cvss-score.severity-high { background:#e04f16; color:#fff; }
.cvss-score.severity-critical { background:#a11c12; color:#fff; }
.cvss-message { min-height:1.45em; margin:6px 0 12px; font-size:13px; color:var(--muted); }
.cvss-message.invalid { color:var(--overdue); }
.cvss-base { display:grid; grid-template-columns:1fr 1fr; grid-template-areas:"exploitability vulnerable" "exploitability subsequent"; gap:12px 16px; }
.cvss-base > :nth-child(1) { grid-area:exploitability; }
.cvss-base > :nth-child(2) { grid-area:vulnerable; }
.cvss-base > :nth-child(3) { grid-area:subsequent; }
.cvss-section { border:1px solid var(--line); border-radius:6px; margin:0; padding:6px 12px 8px; min-width:0; }
.cvss-section > legend { padding:0 4px; }
.cvss-metric { border:0; margin:0; padding:4px 0; min-width:0; display:flow-root; }
.cvss-metric > legend { float:left; width:14em; padding:4px 8px 0 0; font-size:13px; }
.cvss-metric .key { color:var(--muted); font-size:12px; }
.cvss-values { position:relative; display:flex; flex-wrap:wrap; }
.cvss-values input { position:absolute; opacity:0; width:1px; height:1px; margin:0; pointer-events:none; }
.cvss-values label { padding:3px 10px; border:1px solid var(--line); margin-left:-1px; background:#fff; cursor:pointer; font-size:13px; user-select:none; }
.cvss-values label:first-of-type { margin-left:0; border-radius:6px 0 0 6px; }
.cvss-values label:last-of-type { border-radius:0 6px 6px 0; }
.cvss-values label:hover { background:#f5f8ff; }
.cvss-values input:checked + label { position:relative; z-index:1; background:var(--accent); border-color:var(--accent); color:#fff; }
.cvss-values input:focus-visible + label { position:relative; z-index:2; outline:2px solid var(--focus); outline-offset:1px; }
.cvss-more { margin-top:12px; border-top:1px solid var(--line); padding-top:10px; }
.cvss-more summary { cursor:pointer; font-weight:600; font-size:14px; }
.cvss-defined { margin-left:6px; font:12px ui-monospace, SFMono-Regular, Menlo, monospace; color:var(--muted); font-weight:400; }
.cvss-more-body { display:grid; grid-template-columns:repeat(auto-fit, minmax(380px, 1fr)); gap:12px 16px; margin-top:8px; }
/* Optional metrics have more values (Not Defined first): their names go above them. */
.cvss-more-body .cvss-metric > legend { float:none; width:auto; padding:0 0 3px; }
.cvss-compute { display:flex; gap:12px; align-items:center; margin:14px 0 0; }
.cvss-compute[hidden] { display:none; }
.cvss-compute button { font:inherit; font-weight:600; padding:6px 18px; border-radius:6px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
.cvss-compute .hint { color:var(--muted); font-size:13px; }
@media (max-width: 900px) {
  .cvss-head { flex-direction:column; }
  .cvss-base { grid-template-columns:1fr; grid-template-areas:"exploitability" "vulnerable" "subsequent"; }
  .cvss-more-body { grid-template-columns:1fr; }
}
@media (max-width: 560px) {
  .cvss-metric > legend { float:none; width:auto; padding:0 0 3px; }
}
/* ---- Reports lists and the report page (src/web/pages/reports.tsx, report.tsx, report/) ---- */
.muted { color:var(--muted); }
.small { font-size:13px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:13px; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
button { font:inherit; font-size:14px; padding:5px 12px; border:1px solid #c4cad6; border-radius:6px; background:#fff; color:var(--fg); cursor:pointer; }
button:hover { border-color:var(--accent); }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline:2px solid var(--focus); outline-offset:1px; }
button.primary { background:var(--accent); border-color:var(--accent); color:#fff; font-weight:600; }
button.primary:hover { background:#24497c; }
button.danger { color:var(--overdue); border-color:#f3b8b2; }
button.link.danger { border:none; padding:0; font-size:13px; }
button:disabled, button.primary:disabled { background:#eef0f4; border-color:var(--line); color:#98a0ae; cursor:not-allowed; }
input[type=text], input[type=number], input[type=date], input[type=datetime-local], select, textarea { font:inherit; font-size:14px; padding:5px 8px; border:1px solid #c4cad6; border-radius:6px; background:#fff; color:var(--fg); }
textarea { width:100%; resize:vertical; }
.tabs { display:flex; gap:4px; border-bottom:1px solid var(--line); margin:0 0 12px; }
.tab { padding:6px 14px; color:var(--muted); text-decoration:none; border:1px solid transparent; border-bottom:none; border-radius:6px 6px 0 0; margin-bottom:-1px; }
.tab:hover { color:var(--fg); }
.tab.current { color:var(--fg); font-weight:600; background:#fff; border-color:var(--line); }
form.filters { display:flex; flex-wrap:wrap; gap:10px 14px; align-items:flex-end; background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; margin:0 0 12px; }
form.filters label { display:flex; flex-direction:column; gap:2px; font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
form.filters input, form.filters select { text-transform:none; letter-spacing:normal; min-width:150px; }
form.filters .clear { font-size:13px; color:var(--accent); align-self:center; }
td.id a, td.title a.title { color:var(--fg); text-decoration:none; }
td.id a { color:var(--accent); }
td.title a.title:hover, td.id a:hover { text-decoration:underline; }
table.reports tbody tr:hover { background:#fafbfd; }
.severity { display:inline-block; font-size:12px; font-weight:600; padding:1px 8px; border-radius:10px; white-space:nowrap; border:1px solid transparent; }
.severity.critical { background:#fee4e2; color:#912018; border-color:#fda29b; }
.severity.high { background:#fef0c7; color:#93370d; border-color:#fec84b; }
.severity.medium { background:#fefbe8; color:#854a0e; border-color:#fde272; }
.severity.low { background:#eff8ff; color:#175cd3; border-color:#b2ddff; }
.severity.none { background:#f2f4f7; color:#475467; }
td.state-cell { white-space:nowrap; }
td.state-cell .severity { display:block; width:max-content; margin-top:4px; }
a.ghsa { color:var(--accent); }
.state.published { background:#f4f3ff; border-color:#d9d6fe; }
.state.rejected { background:#f2f4f7; border-color:#d0d5dd; color:#475467; }
.crumbs { margin:0 0 4px; font-size:13px; color:var(--muted); }
.crumbs a { color:var(--accent); }
.report-title { font-size:24px; line-height:1.25; margin:0 0 8px; overflow-wrap:anywhere; }
ul.facts { list-style:none; display:flex; flex-wrap:wrap; gap:4px 0; margin:0 0 16px; padding:0; font-size:14px; align-items:center; }
ul.facts li { padding:0 10px; border-left:1px solid var(--line); }
ul.facts li:first-child { padding-left:0; border-left:none; }
ul.facts a { color:var(--accent); }
.flash, .problem { padding:10px 14px; border-radius:6px; margin:0 0 14px; }
.flash { background:#ecfdf3; border:1px solid #abefc6; color:#054f31; }
.problem { background:#fef3f2; border:1px solid #fecdca; color:#912018; }
.report-grid { display:grid; grid-template-columns:minmax(0, 1fr) 320px; gap:16px; align-items:start; }
@media (max-width: 900px) { .report-grid { grid-template-columns:1fr; } }
.report-main, .report-side { display:grid; gap:16px; min-width:0; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 16px; min-width:0; }
.card > h2 { font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:0 0 10px; }
.card h3 { font-size:15px; margin:0 0 6px; }
.card.next { border-color:#b2ccff; box-shadow:0 1px 0 #d1e0ff; }
.big-clock { font-size:22px; margin:0 0 2px; }
.card p { margin:0 0 8px; }
.description { white-space:pre-wrap; overflow-wrap:anywhere; margin:0 0 12px; padding:0 0 12px; border-bottom:1px solid var(--line); }
dl.fields { display:grid; grid-template-columns:130px minmax(0, 1fr); gap:8px 12px; margin:0; }
dl.fields dt { color:var(--muted); font-size:13px; padding-top:1px; }
dl.fields dd { margin:0; overflow-wrap:anywhere; }
dl.fields dd p { margin:0 0 4px; }
ul.plain { list-style:none; margin:0; padding:0; display:grid; gap:3px; }
.badge.private { background:#fef0c7; border-color:#fec84b; }
.badge.merged { background:#ecfdf3; border-color:#abefc6; }
.rejection { background:#f2f4f7; border-radius:6px; padding:8px 10px; }
.text { display:block; white-space:pre-wrap; overflow-wrap:anywhere; color:var(--fg); font-size:14px; }
ul.checklist { list-style:none; margin:0 0 10px; padding:0; display:grid; gap:4px; }
li.check { display:grid; grid-template-columns:18px 1fr; column-gap:6px; font-size:14px; }
li.check .mark { font-weight:700; text-align:center; }
li.check.met .mark { color:var(--ok); }
li.check.unmet .mark { color:var(--overdue); }
li.check.met .label { color:var(--muted); }
li.check .why { grid-column:2; font-size:13px; color:#7a2e0e; }
form.determination { padding:0 0 12px; margin:0 0 12px; border-bottom:1px solid var(--line); }
.transitions { display:grid; grid-template-columns:repeat(auto-fit, minmax(260px, 1fr)); gap:16px; }
.transition { min-width:0; }
form.row { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin:0; }
form.row label { display:flex; gap:8px; align-items:center; flex-wrap:wrap; }
form.row input[type=text] { flex:1; min-width:200px; }
.big-clock .sub { font-size:13px; }
form.stack { display:grid; gap:8px; margin:8px 0 0; }
form.stack label { display:grid; gap:3px; font-size:13px; color:var(--muted); }
form.stack label input, form.stack label select, form.stack label textarea { color:var(--fg); }
form.stack label input[type=text], form.stack label select, form.stack label textarea { width:100%; min-width:0; }
form.stack button { justify-self:start; }
label.check-label { display:flex !important; gap:6px; align-items:center; color:var(--fg) !important; font-size:14px !important; }
.hint { font-size:12px; color:var(--muted); }
details.more { margin:8px 0 0; }
details.more > summary { cursor:pointer; color:var(--accent); font-size:14px; }
details.more[open] > summary { margin-bottom:6px; }
details.edit { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; margin:0; }
details.edit > summary { font-weight:600; }
.two { display:grid; grid-template-columns:1fr 1fr; gap:10px; }
fieldset.credit { border:1px solid var(--line); border-radius:6px; padding:6px 10px 8px; display:grid; gap:4px; }
fieldset.credit legend { font-size:13px; color:var(--muted); padding:0 4px; }
.actions { display:grid; gap:8px; margin-top:8px; }
.button-row { display:flex; gap:8px; }
.owner { font-size:16px; }
.handoff { background:#fffaeb; border:1px solid #fedf89; border-radius:6px; padding:6px 10px; font-size:14px; }
ul.extensions, ul.grants { list-style:none; margin:6px 0; padding:0; display:grid; gap:8px; }
ul.extensions li, ul.grants li { font-size:14px; border-left:3px solid var(--line); padding-left:8px; }
.grant-status { font-size:12px; padding:0 6px; border-radius:8px; }
.grant-status.active { background:#ecfdf3; color:#054f31; }
.grant-status.expired, .grant-status.revoked { background:#f2f4f7; color:#475467; }
dl.cra { display:grid; grid-template-columns:1fr; gap:0; margin:8px 0 0; font-size:13px; }
dl.cra dd + dt { margin-top:4px; }
dl.cra dt { color:var(--muted); }
dl.cra dd { margin:0; }
.cra-stage.overdue { color:var(--overdue); font-weight:600; }
.cra-stage.due-soon { color:var(--soon); font-weight:600; }
.cra-stage.submitted { color:var(--ok); }
ol.timeline { list-style:none; margin:0; padding:0; }
ol.timeline li.entry { display:grid; grid-template-columns:150px minmax(0, 1fr); gap:10px; padding:6px 0; border-top:1px solid #eef0f4; font-size:14px; }
ol.timeline li.entry:first-child { border-top:none; }
ol.timeline time { color:var(--muted); font-size:12px; font-variant-numeric:tabular-nums; padding-top:2px; }
ol.timeline .who { font-weight:600; }
ol.timeline .tag { font-size:11px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); border:1px solid var(--line); border-radius:4px; padding:0 4px; margin-left:6px; }
ol.timeline li.effect .what { color:#344054; }
ol.timeline li.comment .text { background:#f8f9fb; border-left:3px solid #b2ccff; padding:4px 8px; margin-top:4px; font-size:13px; }
ol.timeline .text { margin-top:2px; color:#344054; }
ol.timeline .error { display:block; color:var(--overdue); font-size:13px; }
.effect-status { font-size:12px; padding:0 6px; border-radius:8px; white-space:nowrap; }
.effect-status.done { background:#ecfdf3; color:#054f31; }
.effect-status.pending, .effect-status.claimed { background:#fffaeb; color:#93370d; }
.effect-status.failed { background:#fee4e2; color:#912018; font-weight:600; }
.readiness { font-weight:600; padding:8px 12px; border-radius:6px; }
.readiness.ready { background:#ecfdf3; color:#054f31; }
.readiness.blocked { background:#fffaeb; color:#93370d; }
.panes { display:grid; grid-template-columns:repeat(3, minmax(0, 1fr)); gap:10px; margin:10px 0; }
@media (max-width: 1100px) { .panes { grid-template-columns:1fr; } }
figure.pane { margin:0; border:1px solid var(--line); border-radius:6px; overflow:hidden; min-width:0; display:flex; flex-direction:column; }
figure.pane figcaption { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; padding:4px 8px; border-bottom:1px solid var(--line); }
figure.pane pre { margin:0; padding:8px; max-height:420px; overflow:auto; font:12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space:pre-wrap; overflow-wrap:anywhere; }
figure.pane p { padding:8px; }
form.send { display:flex; flex-wrap:wrap; gap:10px; align-items:center; margin:6px 0 0; }
table.records { width:100%; border-collapse:collapse; font-size:14px; }
table.records th, table.records td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); }
table.records th { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.record-status.sent { color:var(--ok); }
.record-status.failed { color:var(--overdue); font-weight:600; }
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
dl.change { display:grid; grid-template-columns:max-content 1fr; gap:1px 10px; margin:0; font-size:13px; }
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
table.effects td.error { font-size:13px; color:#912018; max-width:360px; overflow-wrap:anywhere; }
.yes { color:var(--ok); font-weight:600; }
.no { color:var(--overdue); font-weight:600; }
.coverage.ok { background:#ecfdf3; border-color:#abefc6; color:#067647; }
.coverage.needs-action { background:#fffaeb; border-color:#fedf89; color:#b54708; }
table.coverage td.todo ul { margin:0; padding-left:16px; font-size:13px; }
table.coverage td.repo { font-weight:500; white-space:nowrap; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:14px; }
/* Metrics page (pages/metrics.tsx): headline figures, the charts as images, the tables under them. */
p.counted { margin:0 0 18px; }
ul.figures { display:grid; grid-template-columns:repeat(auto-fit, minmax(190px, 1fr)); gap:12px; list-style:none; margin:0 0 8px; padding:0; }
ul.figures li { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 14px; }
ul.figures .figure { display:block; font-size:28px; font-weight:700; line-height:1.1; font-variant-numeric:tabular-nums; }
ul.figures .what { display:block; font-weight:600; }
section.metrics { margin:28px 0 0; }
section.metrics h2 { font-size:18px; margin:0 0 4px; padding-bottom:6px; border-bottom:1px solid var(--line); }
section.metrics h3 { font-size:15px; margin:18px 0 8px; }
img.chart { display:block; width:100%; height:auto; background:#fff; border:1px solid var(--line); border-radius:6px; }
details.numbers { overflow-x:auto; }
table.metrics { border-collapse:collapse; background:#fff; border:1px solid var(--line); font-size:13px; font-variant-numeric:tabular-nums; }
table.metrics caption { text-align:left; color:var(--muted); padding:0 0 6px; caption-side:top; }
table.metrics th, table.metrics td { padding:5px 10px; border-bottom:1px solid var(--line); text-align:right; white-space:nowrap; }
table.metrics thead th { font-size:12px; color:var(--muted); background:#fafbfc; text-align:center; }
table.metrics tbody th { text-align:left; font-weight:600; }
table.metrics colgroup + colgroup { border-left:1px solid var(--line); }
section.notes ul { margin:8px 0 0; padding-left:20px; color:var(--muted); }
section.notes li { margin:0 0 6px; }
/* Sign-in and API tokens (routes/signin.tsx, routes/tokens.tsx) */
section.signin { max-width:640px; }
ol.steps li { margin:0 0 6px; }
table.tokens { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); margin:0 0 8px; }
table.tokens th, table.tokens td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:middle; }
table.tokens th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; }
.token-status.active { color:var(--ok); font-weight:600; }
.token-status.expired, .token-status.revoked { color:var(--stopped); }
section.token-secret { background:#fffaeb; border:1px solid #fec84b; border-radius:6px; padding:12px 16px; margin:0 0 18px; }
section.token-secret h2 { margin:0 0 6px; }
input.secret { width:100%; font:14px ui-monospace, SFMono-Regular, Menlo, monospace; padding:8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
section.token-secret .hint { font-size:13px; margin:6px 0 0; }
form.token-form { display:grid; grid-template-columns:max-content minmax(0, 420px); gap:8px 12px; align-items:center; background:#fff; border:1px solid var(--line); border-radius:6px; padding:14px 16px; }
form.token-form button { grid-column:2; justify-self:start; }
`;
