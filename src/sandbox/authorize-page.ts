// The consent page every sandboxed provider shows: who is asking, for what, Approve or Deny.

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

export function renderAuthorizePage(options: {
  providerName: string;
  scopes: string[];
  formAction: string;
  hiddenFields: Record<string, string>;
}): Response {
  const hidden = Object.entries(options.hiddenFields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const scopes = options.scopes.length
    ? `<ul>${options.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join("")}</ul>`
    : "<p>Basic access to your account.</p>";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Authorize QT.run — ${escapeHtml(options.providerName)} (sandbox)</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e4e4e7;border-radius:16px;padding:32px;max-width:420px;width:calc(100% - 32px)}
.tag{display:inline-block;background:#fef3c7;color:#92400e;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600}
label{display:block;font-size:14px;font-weight:600;margin-top:16px}
input[type=text]{width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #d4d4d8;border-radius:8px;font-size:16px;margin-top:6px}
.actions{display:flex;gap:12px;margin-top:24px}
button{flex:1;padding:10px;border-radius:8px;font-size:16px;font-weight:600;cursor:pointer;border:1px solid #d4d4d8;background:#fff}
button[value=approve]{background:#059669;border-color:#059669;color:#fff}
</style></head>
<body><main>
<span class="tag">Sandbox</span>
<h1>${escapeHtml(options.providerName)}</h1>
<p><strong>QT.run</strong> would like to access your ${escapeHtml(options.providerName)} data:</p>
${scopes}
<form method="post" action="${escapeHtml(options.formAction)}">
${hidden}
<label for="account">Sandbox account</label>
<input id="account" type="text" name="account" value="athlete" autocomplete="off">
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="approve">Approve</button>
</div>
</form>
</main></body></html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
