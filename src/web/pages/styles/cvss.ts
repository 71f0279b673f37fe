// The CVSS v4.0 calculator (pages/cvss-calculator.tsx), on /tools/cvss and the report page.
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const cvss = `
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
`;
