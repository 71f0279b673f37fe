// The reports lists and the report page (pages/reports.tsx, report.tsx, report/).
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const reports = `
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
/* The buttons beside a report's fixes and credits: the action sits next to what it acts on. */
form.refresh-fixes { display:flex; gap:10px; align-items:baseline; margin:6px 0 0; }
form.refresh-fixes button { flex:none; white-space:nowrap; }
li > form.inline { margin-left:10px; }
button:disabled, button.primary:disabled { background:#eef0f4; border-color:var(--line); color:#98a0ae; cursor:not-allowed; }
input[type=text], input[type=number], input[type=date], input[type=datetime-local], select, textarea { font:inherit; font-size:14px; padding:5px 8px; border:1px solid #c4cad6; border-radius:6px; background:#fff; color:var(--fg); }
textarea { width:100%; resize:vertical; }
.tabs { display:flex; gap:4px; border-bottom:1px solid var(--line); margin:0 0 12px; }
.tab { padding:6px 14px; color:var(--muted); text-decoration:none; border:1px solid transparent; border-bottom:none; border-radius:6px 6px 0 0; margin-bottom:-1px; }
.tab:hover { color:var(--fg); }
.tab.current { color:var(--fg); font-weight:600; background:#fff; border-color:var(--line); }
form.filters { display:flex; flex-wrap:wrap; gap:10px 14px; align-items:flex-end; background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; margin:0 0 12px; }
form.filters label { display:flex; flex-direction:column; gap:2px; font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
form.filters input, form.filters select { text-transform:none; letter-spacing:normal; min-width:150px; height:32px; }
form.filters input[type=text] { min-width:210px; }
form.filters button { height:32px; }
form.filters .clear { font-size:13px; color:var(--accent); line-height:32px; }
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
.report-main, .report-side, .report-wide { display:grid; gap:16px; min-width:0; }
.report-wide { margin-top:16px; }
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
ul.checklist:empty { display:none; }
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
.report-side form.row select { flex:1; min-width:0; }
/* "Hand off to" over its select and button, which then have the card's width. */
.report-side form.row > span:first-of-type { flex-basis:100%; }
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
details.passed { margin:0 0 14px; }
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
.grant-status { display:inline-block; font-size:12px; line-height:1.5; padding:0 6px; border-radius:8px; }
.grant-status.active { background:#ecfdf3; color:#054f31; }
.grant-status.expired, .grant-status.revoked { background:#f2f4f7; color:#475467; }
dl.cra { display:grid; grid-template-columns:1fr; gap:0; margin:8px 0 0; font-size:13px; }
dl.cra dd + dt { margin-top:4px; }
dl.cra dt { color:var(--muted); }
dl.cra dd { margin:0; }
.cra-stage.overdue { color:var(--overdue); font-weight:600; }
.cra-stage.due-soon { color:var(--soon); font-weight:600; }
.cra-stage.submitted { color:var(--ok); }
.cra-alerts { background:#fef3f2; border:1px solid #fecdca; border-radius:6px; padding:8px 12px; margin:8px 0 12px; font-size:14px; }
.cra-alerts ul { margin:4px 0 0; padding-left:18px; }
.cra-alerts li.overdue { color:var(--overdue); font-weight:600; }
#cra .text { display:block; white-space:pre-wrap; margin:2px 0 6px; }
#cra h3 { font-size:15px; margin:14px 0 6px; }
#cra h4 { font-size:14px; margin:10px 0 4px; }
.cra-draft, .cra-submission { border-left:3px solid var(--line); padding-left:10px; margin:8px 0; }
.cra-submission dl { display:grid; grid-template-columns:minmax(160px, 1fr) 2fr; gap:4px 12px; font-size:13px; margin:4px 0; }
.cra-submission dt { color:var(--muted); }
.cra-submission dd { margin:0; white-space:pre-wrap; }
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
figure.pane pre:focus-visible { outline:2px solid var(--focus); outline-offset:-2px; }
form.send { display:flex; flex-wrap:wrap; gap:10px; align-items:center; margin:6px 0 0; }
table.records { width:100%; border-collapse:collapse; font-size:14px; }
table.records th, table.records td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); }
table.records th { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.record-status.sent { color:var(--ok); }
.record-status.failed { color:var(--overdue); font-weight:600; }
`;
