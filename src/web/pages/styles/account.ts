// Signing in and API tokens (pages/signin.tsx, pages/tokens.tsx).
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const account = `
/* Sign-in and API tokens (routes/signin.tsx, routes/tokens.tsx) */
section.signin { max-width:600px; margin:48px auto 0; padding:28px 32px; background:#fff; border:1px solid var(--line); border-radius:10px; box-shadow:0 1px 2px rgba(16, 24, 40, .05); }
section.signin form.signin { margin:22px 0 4px; }
p.note.sandbox { background:#fffaeb; border:1px solid #fedf89; border-radius:6px; padding:10px 14px; font-size:14px; color:#7a2e0e; }
section.signin form.signin button { font-size:15px; padding:9px 22px; }
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
