// The view's one stylesheet, served from /_sim/view/app.css: plain, GitHub-ish, no scripts.
export const stylesheet = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --accent:#0969da; --danger:#cf222e; }
* { box-sizing:border-box; }
body { margin:0; font:14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
header.top { display:flex; flex-wrap:wrap; align-items:center; gap:16px; padding:10px 24px; background:#24292f; color:#fff; }
header.top a { color:#fff; text-decoration:none; }
header.top .brand { font-weight:700; }
header.top nav { display:flex; gap:14px; }
header.top form { margin-left:auto; display:flex; gap:6px; align-items:center; }
main { max-width:1100px; margin:20px auto; padding:0 24px; }
h1 { font-size:22px; margin:0 0 6px; } h2 { font-size:17px; margin:22px 0 8px; } h3 { font-size:15px; margin:14px 0 6px; }
p.lead, .muted { color:var(--muted); }
.box { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin:0 0 14px; }
.notice { background:#dafbe1; border-color:#4ac26b; } .error { background:#ffebe9; border-color:#ff8182; }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); background:#f6f8fa; }
.mono, td.ghsa { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:13px; white-space:nowrap; }
.label { display:inline-block; padding:0 7px; border-radius:10px; border:1px solid var(--line); font-size:12px; background:#fff; margin:0 3px 3px 0; }
.state-triage { background:#fff8c5; } .state-draft { background:#ddf4ff; } .state-published { background:#dafbe1; }
.state-closed, .state-withdrawn { background:#eaeef2; }
label { display:block; font-weight:600; margin:8px 0 2px; }
label.check { font-weight:400; }
input[type=text], textarea, select { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; }
input[type=text], textarea { width:100%; } textarea { min-height:90px; }
button { font:inherit; padding:4px 12px; border:1px solid var(--line); border-radius:6px; background:#f6f8fa; cursor:pointer; }
button.primary { background:#1f883d; color:#fff; border-color:#1a7f37; } button.danger { color:var(--danger); }
.actions { display:grid; grid-template-columns:repeat(auto-fill, minmax(320px, 1fr)); gap:12px; }
.actions form { margin:0; }
ol.comments { list-style:none; margin:0; padding:0; }
ol.comments li { margin:0 0 10px; }
pre.text { margin:6px 0 0; white-space:pre-wrap; overflow-wrap:anywhere; font:inherit; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:3px 14px; margin:0; }
dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
/* The "Sign in with GitHub" page (/login/oauth/authorize). */
main.authorize { max-width:900px; }
main.authorize section.box h2 { margin:0 0 8px; }
ul.people { display:grid; grid-template-columns:repeat(auto-fill, minmax(200px, 1fr)); gap:8px; margin:0; padding:0; list-style:none; }
ul.people button { width:100%; height:100%; text-align:left; background:#fff; padding:8px 10px; }
ul.people button:hover, ul.people button:focus { border-color:var(--accent); outline:none; box-shadow:0 0 0 2px #b6e3ff; }
ul.people button.suggested { border-color:#1a7f37; box-shadow:0 0 0 2px #aceebb; }
ul.people .login, ul.people .note { display:block; color:var(--muted); font-size:12px; }
.label.admin { background:#fff8c5; border-color:#d4a72c; font-weight:600; }
form.signup { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
form.signup label { margin:0; } form.signup input { width:auto; flex:1 1 200px; }
form.cancel { margin:0 0 24px; }
`;
