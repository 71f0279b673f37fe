// The frame every page shares: palette, type, header and navigation, tables, badges, the mail list.
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const base = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dde5; --bg:#f6f7f9; --accent:#2f5d9b;
  --overdue:#b42318; --soon:#b54708; --ok:#067647; --stopped:#667085;
  /* The focus ring: 8:1 against white, so a keyboard user sees where they are (WCAG 1.4.11 asks 3:1). */
  --focus:#1849a9; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
/* One link colour everywhere, visited or not: the palette's accent, not the browser's blue and purple. */
a { color:var(--accent); }
header.top { display:flex; align-items:center; gap:12px; padding:10px 24px; background:#fff; border-bottom:1px solid var(--line); }
header.top nav { margin-left:auto; display:flex; gap:18px; align-items:center; }
a.nav { color:var(--accent); text-decoration:none; }
.brand { font-weight:700; font-size:18px; color:var(--fg); text-decoration:none; letter-spacing:.02em; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; line-height:16px; vertical-align:middle; border:1px solid var(--line); background:#fff; white-space:nowrap; }
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
table.reports th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; white-space:nowrap; }
td.coordinator { white-space:nowrap; }
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
`;
