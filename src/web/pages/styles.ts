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
/* Sign-in and API tokens (routes/signin.tsx, routes/tokens.tsx) */
section.signin { max-width:640px; }
form.signin button.primary, form.token-form button.primary { background:#1f883d; color:#fff; border:1px solid #1a7f37; border-radius:6px; padding:8px 16px; font:inherit; font-weight:600; cursor:pointer; }
form.signin button.primary:hover, form.token-form button.primary:hover { background:#1a7f37; }
table.tokens button.danger { background:#fff; color:var(--overdue); border:1px solid var(--line); border-radius:6px; padding:3px 10px; font:inherit; cursor:pointer; }
p.notice { background:#ecfdf3; border:1px solid #abefc6; border-radius:6px; padding:10px 14px; }
p.problem { background:#fef3f2; border:1px solid #fecdca; border-radius:6px; padding:10px 14px; color:var(--overdue); }
ol.steps li { margin:0 0 6px; }
section.signin code, main > p.lead code { font:13px ui-monospace, SFMono-Regular, Menlo, monospace; background:#eef0f3; padding:1px 4px; border-radius:4px; }
table.tokens { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); margin:0 0 8px; }
table.tokens th, table.tokens td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:middle; }
table.tokens th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; }
.token-status.active { color:var(--ok); font-weight:600; }
.token-status.expired, .token-status.revoked { color:var(--stopped); }
section.token-secret { background:#fffaeb; border:1px solid #fec84b; border-radius:6px; padding:12px 16px; margin:0 0 18px; }
section.token-secret h2 { margin:0 0 6px; }
input.secret { width:100%; font:14px ui-monospace, SFMono-Regular, Menlo, monospace; padding:8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
.hint { color:var(--muted); font-size:13px; margin:6px 0 0; }
form.token-form { display:grid; grid-template-columns:max-content minmax(0, 420px); gap:8px 12px; align-items:center; background:#fff; border:1px solid var(--line); border-radius:6px; padding:14px 16px; }
form.token-form input, form.token-form select { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; }
form.token-form button { grid-column:2; justify-self:start; }
`;
