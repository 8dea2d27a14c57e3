// Contract (sandbox): the Resend API through the official resend SDK, and the inbox that shows what was sent.
import { Resend } from "resend"
import { itSandboxOnly, useContractTarget } from "./helpers/contract"
import { getPage } from "./helpers/http"

const target = useContractTarget()
const resend = (key = "re_contract_suite") => new Resend(key, { baseUrl: target().sandbox().resendBaseUrl })

const invoice = {
  from: "Acme Outfitters <billing@acme.example>",
  to: ["jenny@example.com"],
  subject: "Invoice #1001 — pay $35.00",
  html: '<p>Hello Jenny, <a href="http://127.0.0.1:9000/stripe-collect/pay/tok_1">pay your invoice</a>.</p>',
  text: "Hello Jenny, pay your invoice: http://127.0.0.1:9000/stripe-collect/pay/tok_1",
  tags: [{ name: "kind", value: "payment_link" }],
}

describe("Resend emails", () => {
  itSandboxOnly("sends an email, returns its id, and serves it back", async () => {
    const sent = await resend().emails.send(invoice)
    expect(sent.error).toBeNull()
    expect(sent.data?.id).toMatch(/^[0-9a-f-]{36}$/)
    const fetched = await resend().emails.get(sent.data?.id ?? "")
    expect(fetched.data).toMatchObject({
      object: "email",
      id: sent.data?.id,
      subject: invoice.subject,
      to: invoice.to,
      from: invoice.from,
      html: invoice.html,
      text: invoice.text,
      last_event: "delivered",
    })
    const stored = target()
      .sandbox()
      .emails()
      .find((e) => e.id === sent.data?.id)
    expect(stored).toMatchObject({ subject: invoice.subject, to: ["jenny@example.com"], tags: [{ name: "kind", value: "payment_link" }] })
  })

  itSandboxOnly("keeps attachments: returned by the API and GET /_sandbox/emails, offered for download in the inbox", async () => {
    const pdf = Buffer.from("%PDF-1.3\n% a tiny file\n%%EOF\n")
    const sent = await resend().emails.send({
      ...invoice,
      attachments: [{ filename: "INV-2026-0001.pdf", content: pdf.toString("base64"), contentType: "application/pdf" }],
    })
    expect(sent.error).toBeNull()
    const stored = target()
      .sandbox()
      .emails()
      .find((e) => e.id === sent.data?.id)!
    expect(stored.attachments).toEqual([
      { filename: "INV-2026-0001.pdf", content: pdf.toString("base64"), content_type: "application/pdf" },
    ])
    const fetched = await resend().emails.get(sent.data!.id)
    expect((fetched.data as unknown as { attachments: unknown }).attachments).toEqual([
      { id: "0", filename: "INV-2026-0001.pdf", content_type: "application/pdf", size: pdf.length },
    ])

    const base = target().sandbox().resendBaseUrl
    const inbox = await (await fetch(`${base}/_sandbox/inbox/${stored.id}`)).text()
    expect(inbox).toContain(`href="/_sandbox/inbox/${stored.id}/attachments/0"`)
    const download = await fetch(`${base}/_sandbox/inbox/${stored.id}/attachments/0`)
    expect(download.headers.get("content-type")).toBe("application/pdf")
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="INV-2026-0001.pdf"')
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true)
    expect((await fetch(`${base}/_sandbox/inbox/${stored.id}/attachments/1`)).status).toBe(404)

    const refused = await resend().emails.send({ ...invoice, attachments: [{ filename: "x.pdf", path: "https://example.com/x.pdf" }] })
    expect(refused.error).toMatchObject({ statusCode: 422, name: "validation_error" })
  })

  itSandboxOnly("replays a send with the same Idempotency-Key and rejects it with another payload (409)", async () => {
    const before = target().sandbox().emails().length
    const idempotencyKey = `invoice-${Date.now()}`
    const first = await resend().emails.send(invoice, { idempotencyKey })
    const second = await resend().emails.send(invoice, { idempotencyKey })
    expect(second.data?.id).toBe(first.data?.id)
    expect(target().sandbox().emails()).toHaveLength(before + 1)
    const conflict = await resend().emails.send({ ...invoice, subject: "Something else" }, { idempotencyKey })
    expect(conflict.data).toBeNull()
    expect(conflict.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" })
  })

  itSandboxOnly("answers in Resend's error shape: 401 without a key, 403 with a bad key, 422 for bad fields, 404 unknown", async () => {
    const noKey = await fetch(`${target().sandbox().resendBaseUrl}/emails`, {
      method: "POST",
      body: JSON.stringify(invoice),
      headers: { "content-type": "application/json" },
    })
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" })
    const badKey = await resend("sk_test_not_resend").emails.send(invoice)
    expect(badKey.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" })
    const noSubject = await resend().emails.send({ ...invoice, subject: "" })
    expect(noSubject.error).toMatchObject({ statusCode: 422, name: "missing_required_field" })
    const badFrom = await resend().emails.send({ ...invoice, from: "not an address" })
    expect(badFrom.error).toMatchObject({ statusCode: 422, name: "validation_error" })
    const missing = await resend().emails.get("00000000-0000-4000-8000-000000000000")
    expect(missing.error).toMatchObject({ statusCode: 404, name: "not_found" })
  })

  itSandboxOnly("injects 429 and 500 faults on /emails", async () => {
    const { sandbox } = target()
    sandbox().addFault({ method: "POST", path: "/emails", status: 429 })
    const limited = await resend().emails.send(invoice)
    expect(limited.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" })
    sandbox().addFault({ method: "POST", path: "/emails", status: 500 })
    const broken = await resend().emails.send(invoice)
    expect(broken.error?.statusCode).toBe(500)
    const ok = await resend().emails.send(invoice)
    expect(ok.error).toBeNull()
  })

  itSandboxOnly("shows each email in the inbox as HTML and text", async () => {
    const sent = await resend().emails.send({ ...invoice, subject: "Inbox check" })
    const id = sent.data?.id ?? ""
    const inbox = await getPage(`${target().sandbox().url}/_sandbox/inbox`)
    expect(inbox.body).toContain("Inbox check")
    expect(inbox.body).toContain(`/_sandbox/inbox/${id}`)
    const detail = await getPage(`${target().sandbox().url}/_sandbox/inbox/${id}`)
    expect(detail.body).toContain("Hello Jenny, pay your invoice: http://127.0.0.1:9000/stripe-collect/pay/tok_1")
    const htmlBody = await getPage(`${target().sandbox().url}/_sandbox/inbox/${id}/html`)
    expect(htmlBody.body).toBe(invoice.html)
    const text = await getPage(`${target().sandbox().url}/_sandbox/inbox/${id}/text`)
    expect(text.body).toBe(invoice.text)
  })
})
