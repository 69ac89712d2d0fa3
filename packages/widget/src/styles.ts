/** The widget's CSS, scoped by its shadow root: the host page's styles never reach in, ours never leak out. */
export const styles = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--brand);color:#fff;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.25);z-index:2147483000;display:flex;align-items:center;justify-content:center}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;border-radius:10px;background:#dc2626;color:#fff;font-size:12px;line-height:20px;text-align:center;padding:0 5px}
.launcher svg{width:26px;height:26px;fill:currentColor}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.panel{position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:540px;max-height:calc(100vh - 120px);background:#fff;color:#111827;border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000;font-size:14px}
header{background:var(--brand);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
header h2{font-size:16px;margin:0;flex:1}
header button{background:transparent;border:0;color:#fff;cursor:pointer;font-size:14px;padding:4px 6px;border-radius:6px}
.banner{background:#fef3c7;color:#92400e;padding:6px 12px;font-size:12px}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;list-style:none;margin:0}
.greeting{align-self:flex-start;background:#f3f4f6;border-radius:12px;padding:8px 12px;max-width:85%}
.msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-break:break-word}
.msg.visitor{align-self:flex-end;background:var(--brand);color:#fff}
.msg.agent,.msg.bot,.msg.system{align-self:flex-start;background:#f3f4f6}
.msg .who{display:block;font-size:11px;opacity:.75;margin-bottom:2px}
.msg.pending{opacity:.7}
.meta{align-self:flex-end;font-size:11px;color:#6b7280}
.meta button{background:none;border:0;color:#b91c1c;text-decoration:underline;cursor:pointer;font-size:11px}
.file{display:block;background:none;border:0;padding:0;color:inherit;text-decoration:underline;cursor:pointer;font-size:13px}
.typing{font-size:12px;color:#6b7280;padding:0 12px 4px}
form{border-top:1px solid #e5e7eb;padding:8px;display:flex;flex-direction:column;gap:6px}
.row{display:flex;gap:6px;align-items:flex-end}
textarea{flex:1;resize:none;border:1px solid #d1d5db;border-radius:8px;padding:8px;font-size:14px;min-height:38px;max-height:120px}
input{border:1px solid #d1d5db;border-radius:8px;padding:6px 8px;font-size:13px;width:100%}
label{font-size:12px;color:#374151;display:flex;flex-direction:column;gap:2px}
.send{background:var(--brand);color:#fff;border:0;border-radius:8px;padding:9px 12px;cursor:pointer}
.attach{background:#f3f4f6;border:0;border-radius:8px;padding:9px 10px;cursor:pointer}
.chips{display:flex;flex-wrap:wrap;gap:4px}
.chip{background:#eef2ff;border:0;border-radius:999px;padding:2px 8px;font-size:12px;cursor:pointer}
.list{flex:1;overflow-y:auto;margin:0;padding:8px;list-style:none}
.list button{width:100%;text-align:left;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px;margin-bottom:6px;cursor:pointer;color:inherit}
.list .new{background:var(--brand);color:#fff;border:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;
