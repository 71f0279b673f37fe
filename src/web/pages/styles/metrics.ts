// The Metrics page (pages/metrics.tsx).
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const metrics = `
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
`;
