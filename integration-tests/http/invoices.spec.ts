import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { PDFParse } from "pdf-parse"
import { Modules } from "@medusajs/framework/utils"

/**
 * Each order has one invoice, numbered from the store's series when its first link is sent: the same
 * number on every later link, resend and page; distinct under concurrency; void (number kept) on cancel.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"
const YEAR = new Date().getUTCFullYear()

type InvoiceView = { number: string; version: number; status: string; order_total: number } | null

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    const createLink = async (orderId: string, body: Record<string, unknown>) =>
      (await api.post(`/admin/stripe-collect/orders/${orderId}/payment-links`, body, { headers })).data.payment_link as {
        id: string
        url: string
      }
    const invoiceOf = async (orderId: string) =>
      (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data.invoice as InvoiceView
    // The invoice emails (a paid link also brings the customer a receipt, which is not an invoice).
    const emailsTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address) && !/^Payment received/.test(e.subject))
    const saveSettings = (body: Record<string, unknown>) =>
      api
        .post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test", ...body }, { headers })
        .catch((e) => e.response)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().clearFaults()
      sandbox.current().setWebhookUrl(NOWHERE)
    })

    it("numbers concurrent first links on different orders distinctly, and sends each order's number on every email and page", async () => {
      const orders = await Promise.all(
        Array.from({ length: 4 }, (_, i) => createUnpaidOrder(getContainer(), { amount: 100, email: `inv-${i}@example.test` }))
      )
      expect(await invoiceOf(orders[0].id)).toBeNull()
      const links = await Promise.all(orders.map((o) => createLink(o.id, { amount: 40 })))
      const invoices = await Promise.all(orders.map((o) => invoiceOf(o.id)))
      const numbers = invoices.map((i) => i!.number)
      expect(new Set(numbers).size).toBe(4)
      for (const number of numbers) expect(number).toMatch(new RegExp(`^INV-${YEAR}-\\d{4}$`))
      expect(invoices.every((i) => i!.version === 1 && i!.status === "issued" && i!.order_total === 100)).toBe(true)

      const [first] = orders
      const number = numbers[0]
      const [sent] = emailsTo("inv-0@example.test")
      expect(sent.subject).toContain(`Invoice ${number}`)
      expect(sent.html).toContain(number)
      const page = await (await fetch(links[0].url)).text()
      expect(page).toContain(`Invoice ${number}`)

      // Paid 40; the second link for the rest carries the same invoice, with what is already paid.
      await payOnSandboxCheckout(await pressPay(links[0].url), "4242424242424242")
      const rest = await createLink(first.id, {})
      await waitFor(async () => emailsTo("inv-0@example.test").length === 2)
      const second = emailsTo("inv-0@example.test")[1]
      expect(second.subject).toContain(`Invoice ${number}`)
      expect(second.text).toMatch(/Already paid\s+-\$40\.00/)
      expect((await fetch(rest.url).then((r) => r.text())).includes(`Invoice ${number}`)).toBe(true)

      await api.post(`/admin/stripe-collect/payment-links/${rest.id}/resend`, {}, { headers })
      await waitFor(async () => emailsTo("inv-0@example.test").length === 3)
      expect(emailsTo("inv-0@example.test")[2].subject).toContain(`Invoice ${number}`)
      expect((await invoiceOf(first.id))!.number).toBe(number)
    })

    it("numbers with the merchant's prefix, refuses a malformed one, and voids a canceled order's invoice keeping its number", async () => {
      expect((await saveSettings({ invoice_prefix: "<b>" })).status).toBe(400)
      const saved = await saveSettings({ invoice_prefix: "ACME-{YYYY}/" })
      expect(saved.status).toBe(200)
      expect(saved.data.settings.invoice_prefix).toBe("ACME-{YYYY}/")

      const a = await createUnpaidOrder(getContainer(), { amount: 50, email: "prefix-a@example.test" })
      const b = await createUnpaidOrder(getContainer(), { amount: 50, email: "prefix-b@example.test" })
      await createLink(a.id, {})
      await createLink(b.id, {})
      expect((await invoiceOf(a.id))!.number).toBe(`ACME-${YEAR}/0001`)
      expect((await invoiceOf(b.id))!.number).toBe(`ACME-${YEAR}/0002`)

      // Saving the settings again without a prefix keeps it.
      expect((await saveSettings({})).data.settings.invoice_prefix).toBe("ACME-{YYYY}/")

      await api.post(`/admin/orders/${a.id}/cancel`, {}, { headers })
      await waitFor(async () => (await invoiceOf(a.id))!.status === "void")
      expect((await invoiceOf(a.id))!.number).toBe(`ACME-${YEAR}/0001`)
      const c = await createUnpaidOrder(getContainer(), { amount: 50, email: "prefix-c@example.test" })
      await createLink(c.id, {})
      expect((await invoiceOf(c.id))!.number).toBe(`ACME-${YEAR}/0003`)
    })
    it("an order edit that changes the total issues version 2 under the same number; the next link sends it", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email: "edit@example.test" })
      await createLink(order.id, { amount: 20 })
      const v1 = (await invoiceOf(order.id))!
      expect(v1).toMatchObject({ version: 1, order_total: 80 })

      const item = (await api.get(`/admin/orders/${order.id}?fields=items.id`, { headers })).data.order.items[0]
      const edit = (await api.post("/admin/order-edits", { order_id: order.id }, { headers })).data.order_change
      await api.post(`/admin/order-edits/${order.id}/items/item/${item.id}`, { quantity: 2 }, { headers })
      await api.post(`/admin/order-edits/${order.id}/request`, {}, { headers })
      await api.post(`/admin/order-edits/${order.id}/confirm`, {}, { headers })
      expect(edit.order_id).toBe(order.id)

      await waitFor(async () => (await invoiceOf(order.id))!.version === 2)
      expect(await invoiceOf(order.id)).toMatchObject({ number: v1.number, version: 2, status: "issued", order_total: 160 })
      await createLink(order.id, {})
      await waitFor(async () => emailsTo("edit@example.test").length === 2)
      expect(emailsTo("edit@example.test")[1].subject).toContain(`Invoice ${v1.number}`)
    })
    it("attaches the invoice PDF to the email (number, amounts, pay URL, accented names, pages as needed); the pay page and the order card serve it", async () => {
      const items = Array.from({ length: 45 }, (_, i) => ({ title: `Żółta łódź Nº${i + 1} — crème brûlée`, quantity: 2, unit_price: 1000 }))
      const order = await createUnpaidOrder(getContainer(), {
        currency: "jpy",
        email: "pdf@example.test",
        items,
        billing_name: ["Łukasz", "Müller-Ødegård"],
      })
      const link = await createLink(order.id, { amount: 50000 })
      const number = (await invoiceOf(order.id))!.number
      const pdfText = async (pdf: Buffer) => {
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
        return new PDFParse({ data: new Uint8Array(pdf) }).getText()
      }

      const [email] = emailsTo("pdf@example.test")
      expect(email.attachments.map((a) => [a.filename, a.content_type])).toEqual([[`${number}.pdf`, "application/pdf"]])
      const emailed = await pdfText(Buffer.from(email.attachments[0].content, "base64"))
      expect(emailed.total).toBeGreaterThan(1)
      for (const part of [`Invoice ${number}`, "Łukasz Müller-Ødegård", "Żółta łódź Nº45 — crème brûlée", "¥90,000", "¥50,000", link.url]) {
        expect(emailed.text).toContain(part)
      }
      expect(emailed.text).toMatch(/Amount due\s*¥50,000/)

      const served = await fetch(`${link.url}/invoice`)
      expect(served.status).toBe(200)
      expect(served.headers.get("content-type")).toBe("application/pdf")
      expect(served.headers.get("content-disposition")).toBe(`attachment; filename="${number}.pdf"`)
      expect(served.headers.get("cache-control")).toBe("no-store")
      // The very file the email carried: the same invoice renders the same bytes.
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(email.attachments[0].content, "base64"))).toBe(true)
      // The PDF (it holds the pay URL) goes to the provider only, never into the stored notification.
      const stored = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: "pdf@example.test" })
      expect(stored).toHaveLength(1)
      expect(JSON.stringify(stored)).not.toContain(email.attachments[0].content.slice(0, 200))
      expect((await fetch(link.url)).status).toBe(200)
      expect(await (await fetch(link.url)).text()).toContain(`Download invoice ${number} (PDF)`)

      const admin = await api.get(`/admin/stripe-collect/orders/${order.id}/invoice`, { headers, responseType: "arraybuffer" })
      expect(admin.headers["content-type"]).toBe("application/pdf")
      const card = await pdfText(Buffer.from(admin.data))
      expect(card.text).toContain(`Invoice ${number}`)
      expect(card.text).toMatch(/Amount due\s*¥90,000/)

      // A canceled link's PDF is the record, without a way to pay; an order with no invoice has no PDF.
      await api.post(`/admin/stripe-collect/payment-links/${link.id}/cancel`, {}, { headers })
      const canceled = await pdfText(Buffer.from(await (await fetch(`${link.url}/invoice`)).arrayBuffer()))
      expect(canceled.text).toContain(`Invoice ${number}`)
      expect(canceled.text).not.toContain(link.url)
      const bare = await createUnpaidOrder(getContainer(), { amount: 10, email: "bare@example.test" })
      const none = await api.get(`/admin/stripe-collect/orders/${bare.id}/invoice`, { headers }).catch((e) => e.response)
      expect(none.status).toBe(404)
      expect(none.data.message).toContain("no invoice yet")
      expect((await fetch(`${link.url.slice(0, -1)}x/invoice`)).status).toBe(404)
    })
  },
})
