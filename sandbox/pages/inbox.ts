// The inbox at /_sandbox/inbox: every email sent through the Resend API, viewable as HTML and text.
//   /_sandbox/inbox            list (newest first)
//   /_sandbox/inbox/:id        one email: headers, rendered HTML (sandboxed iframe), text
//   /_sandbox/inbox/:id/html   the HTML body as a page of its own (links work, e.g. a payment link)
//   /_sandbox/inbox/:id/text   the text body
//   /_sandbox/inbox/:id/attachments/:n   the n-th attachment, downloaded with its name and type
import { sendHtml, sendText } from "../http/respond"
import type { PageRequest, SandboxServices } from "../services"
import { html, page, raw } from "./html"

export function handleInbox(services: SandboxServices, request: PageRequest): boolean {
  const match = /^\/_sandbox\/inbox(?:\/([0-9a-f-]{36})(\/html|\/text|\/attachments\/\d{1,3})?)?\/?$/i.exec(request.pathname)
  if (!match || request.method !== "GET") return false
  const [, id, part] = match
  if (!id) {
    const emails = services.emails.all().reverse()
    sendHtml(
      request.res,
      200,
      page(
        "Sandbox inbox",
        html`<nav><a href="/_sandbox">Dashboard</a><a href="/_sandbox/inbox">Inbox</a></nav><h1>Inbox <span class="test">SANDBOX</span></h1>
${emails.length === 0 ? html`<p class="muted">No emails yet.</p>` : raw("")}
<table data-testid="inbox"><tr><th>To</th><th>Subject</th><th>From</th><th>Received</th></tr>
${emails.map((e) => html`<tr data-email-id="${e.id}"><td>${e.to.join(", ")}</td><td><a href="/_sandbox/inbox/${e.id}">${e.subject}</a></td><td>${e.from}</td><td>${e.created_at.replace("T", " ").slice(0, 19)}</td></tr>`)}
</table>`
      )
    )
    return true
  }
  const email = services.emails.get(id)
  if (!email) {
    sendHtml(request.res, 404, page("Not found", html`<div class="card"><h1>No such email</h1></div>`))
    return true
  }
  if (part === "/html") {
    sendHtml(request.res, email.html === null ? 404 : 200, email.html ?? "<p>This email has no HTML body.</p>")
    return true
  }
  if (part?.startsWith("/attachments/")) {
    const attachment = email.attachments[Number(part.split("/").pop())]
    if (!attachment) {
      sendText(request.res, 404, "This email has no such attachment.")
      return true
    }
    request.res.writeHead(200, {
      "content-type": attachment.content_type,
      "content-disposition": `attachment; filename="${attachment.filename.replace(/["\\\r\n]/g, "_")}"`,
    })
    request.res.end(Buffer.from(attachment.content, "base64"))
    return true
  }
  if (part === "/text") {
    sendText(request.res, email.text === null ? 404 : 200, email.text ?? "This email has no text body.")
    return true
  }
  sendHtml(
    request.res,
    200,
    page(
      email.subject,
      html`<nav><a href="/_sandbox">Dashboard</a><a href="/_sandbox/inbox">Inbox</a></nav>
<div class="card" data-testid="email"><h1>${email.subject}</h1>
<p class="muted">From ${email.from} · To ${email.to.join(", ")}${email.cc.length ? ` · Cc ${email.cc.join(", ")}` : ""} · ${email.created_at}</p>
<p><a href="/_sandbox/inbox/${email.id}/html">Open HTML</a> · <a href="/_sandbox/inbox/${email.id}/text">Open text</a></p>
${email.attachments.length ? html`<p data-testid="attachments">Attachments: ${email.attachments.map((a, i) => html`<a href="/_sandbox/inbox/${email.id}/attachments/${i}" download="${a.filename}">${a.filename}</a> `)}</p>` : raw("")}</div>
${email.html !== null ? html`<h2>HTML</h2><iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" style="width:100%;height:640px;border:1px solid #e3e8ee;background:#fff" srcdoc="${email.html}"></iframe>` : raw("")}
${email.text !== null ? html`<h2>Text</h2><pre class="card" data-testid="email-text" style="white-space:pre-wrap">${email.text}</pre>` : raw("")}`
    )
  )
  return true
}
