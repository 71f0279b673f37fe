// The security@ triage queue and threads (pages/intake-*.tsx).
// Part of the one stylesheet (../styles.ts), in the order it is served: later rules win.
export const intake = `
/* ---- security@ intake (src/web/pages/intake-*.tsx) ---- */
table.intake td.sender { overflow-wrap:anywhere; max-width:260px; font-size:14px; }
table.intake td.title { overflow-wrap:anywhere; }
.thread-status.new { background:#eff4ff; border-color:#b2ccff; }
.thread-status.needs-information { background:#fffaeb; border-color:#fedf89; }
.thread-status.reported { background:#ecfdf3; border-color:#abefc6; }
.thread-status.spam, .thread-status.not-a-vulnerability { background:#f2f4f7; border-color:#d0d5dd; color:#475467; }
.thread-status.forwarded, .thread-status.redirected { background:#f4f3ff; border-color:#d9d6fe; }
ol.intake-mail { margin:0 0 16px; }
ol.intake-mail dl.headers dd { overflow-wrap:anywhere; }
pre.mail-body { background:#f9fafb; border:1px solid var(--line); border-radius:6px; padding:10px 12px; max-height:640px; overflow:auto; }
pre.mail-body:focus-visible { outline:2px solid var(--focus); outline-offset:1px; }
.encryption { font-size:13px; margin:0 0 8px; }
.encryption.decrypted { color:var(--ok); }
.encryption.undecryptable { color:var(--overdue); }
ul.attachments { margin:8px 0 0; padding-left:18px; font-size:14px; overflow-wrap:anywhere; }
.triage-advice { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:16px; margin:0 0 16px; }
section.triage { margin:0 0 16px; }
.triage-forms { align-items:start; }
fieldset.missing { border:1px solid var(--line); border-radius:6px; padding:6px 10px 8px; display:grid; gap:4px; margin:0; }
fieldset.missing legend { font-size:13px; color:var(--muted); padding:0 4px; }
pre.reply-text { background:#f9fafb; border-radius:6px; padding:8px 10px; margin:6px 0 8px; font-size:12.5px; }
ul.history li { font-size:14px; overflow-wrap:anywhere; }
section.send-intake { margin-top:16px; max-width:720px; }
`;
