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
/* CVSS v4.0 calculator (src/web/pages/cvss-calculator.tsx, /tools/cvss) */
.cvss-calculator { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 18px; }
.cvss-head { display:flex; gap:16px; align-items:stretch; }
.cvss-vector { flex:1; display:flex; flex-direction:column; gap:4px; min-width:0; }
.cvss-vector label, .cvss-section > legend { font-size:12px; font-weight:600; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.cvss-vector input { font:14px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding:9px 10px; border:1px solid var(--line); border-radius:6px; width:100%; color:var(--fg); }
.cvss-vector input:focus { outline:none; border-color:var(--accent); box-shadow:0 0 0 2px #d1e0ff; }
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
.cvss-values input:focus-visible + label { position:relative; z-index:2; outline:2px solid #1849a9; outline-offset:1px; }
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
details.numbers { margin:8px 0 0; overflow-x:auto; }
details.numbers summary { cursor:pointer; color:var(--accent); font-size:14px; }
details.numbers[open] summary { margin-bottom:8px; }
table.metrics { border-collapse:collapse; background:#fff; border:1px solid var(--line); font-size:13px; font-variant-numeric:tabular-nums; }
table.metrics caption { text-align:left; color:var(--muted); padding:0 0 6px; caption-side:top; }
table.metrics th, table.metrics td { padding:5px 10px; border-bottom:1px solid var(--line); text-align:right; white-space:nowrap; }
table.metrics thead th { font-size:12px; color:var(--muted); background:#fafbfc; text-align:center; }
table.metrics tbody th { text-align:left; font-weight:600; }
table.metrics colgroup + colgroup { border-left:1px solid var(--line); }
section.notes ul { margin:8px 0 0; padding-left:20px; color:var(--muted); }
section.notes li { margin:0 0 6px; }
`;
