import Stripe from "stripe"
import { PDFParse } from "pdf-parse"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { checkoutSessionIdOf, redeliver, stripeEventsAbout, waitForState, WEBHOOK_QUEUE_MS } from "../helpers/trust-boundary"
import { PAYMENT_RECORDED_EVENT } from "../../src/payment-notifications/events"

jest.setTimeout(300_000)

const sandbox = useSandbox()
const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"
const SEPA_SUCCEEDS = "DE89370400440532013000"
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Email = ReturnType<ReturnType<typeof sandbox.current>["emails"]>[number]

const pdfText = async (pdf: Buffer) => (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text
const attachedPdf = (email: Email) => {
  expect(email.attachments).toHaveLength(1)
  expect(email.attachments[0].content_type).toBe("application/pdf")
  return Buffer.from(email.attachments[0].content, "base64")
}

/**
 * The provider's options as medusa-config gives them, changed for one test (as a merchant changes
 * medusa-config): the plugin reads them from the config module, so the next request sees them.
 */
function setProviderOptions(container: MedusaContainer, changes: Record<string, unknown>): () => void {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const payment = config.modules?.[Modules.PAYMENT] as { options: { providers: { resolve: string; options: Record<string, unknown> }[] } }
  const entry = payment.options.providers.find((p) => /stripe-collect/.test(String(p.resolve)))!
  const before = entry.options
  entry.options = { ...before, ...changes }
  return () => {
    entry.options = before
  }
}

/**
 * Telling people when money moves: the customer's receipt email (with its PDF) after each payment the plugin
 * records, the merchant's "payment link paid" and "payment disputed" emails to the payment-notifications
 * address — each exactly once per payment or dispute — the Settings switch and the provider's `receipts`
 * option that turn the receipt off, the receipt PDF download, and the billing address on invoice and receipt.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe

    const post = (path: string, body: Record<string, unknown>) => api.post(path, body, { headers }).catch((e: any) => e.response)
    const get = (path: string, extra: Record<string, unknown> = {}) => api.get(path, { headers, ...extra }).catch((e: any) => e.response)
    const card = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const emailsTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address))
    const receiptsTo = (address: string) => emailsTo(address).filter((e) => /^Payment received/.test(e.subject))
    const waitForEmails = (read: () => Email[], count: number, what: string) =>
      waitForState(
        async () => read(),
        (emails) => emails.length >= count,
        what,
        60_000
      )
    const saveSettings = (body: Record<string, unknown>) =>
      post("/admin/stripe-collect/settings", { store_name: "Acme Outfitters", error_email: "alerts@acme.test", ...body })

    /** The Medusa payment a recorded charge or link payment stands for, as the order card lists it. */
    const paymentIdsOf = async (orderId: string) =>
      ((await card(orderId)).activity as Array<{ payment_id: string | null; receipt_path: string | null }>)
        .filter((a) => a.payment_id)
        .map((a) => ({ payment_id: a.payment_id!, receipt_path: a.receipt_path! }))

    async function charge(orderId: string, amount: number, paymentMethod = "pm_card_visa") {
      const answer = await post(`/admin/stripe-collect/orders/${orderId}/charges`, { amount, payment_method: paymentMethod })
      expect(answer.status).toBe(201)
      return (await stripe.paymentIntents.list({ limit: 100 })).data.find((pi) => pi.metadata.order_id === orderId)!
    }

    async function payLink(orderId: string, body: Record<string, unknown> = {}) {
      const created = await post(`/admin/stripe-collect/orders/${orderId}/payment-links`, body)
      expect(created.status).toBe(201)
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      const returned = await payOnSandboxCheckout(checkoutUrl, "4242424242424242")
      expect(returned.status).toBe(200)
      return { link: created.data.payment_link, checkout_session_id: checkoutSessionIdOf(checkoutUrl) }
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}${WEBHOOK_PATH}`)
      expect((await saveSettings({})).status).toBe(200)
    })

    afterEach(() => sandbox.current().setWebhookUrl(null))

    it("a charge emails the customer one receipt with its PDF; redelivered webhooks, reconciliation and a repeated event send no second", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "receipt-charge@example.test" })
      const intent = await charge(order.id, 40)

      const [receipt] = await waitForEmails(() => receiptsTo("receipt-charge@example.test"), 1, "the receipt email")
      expect(receipt.subject).toBe(`Payment received for order #${order.display_id} from Acme Outfitters: $40.00`)
      expect(receipt.text).toMatch(/Amount paid\s+\$40\.00/)
      expect(receipt.text).toMatch(/Paid with\s+Visa •••• 4242/)
      expect(receipt.text).toMatch(/Remaining balance\s+\$60\.00/)
      expect(receipt.text).toMatch(new RegExp(`Receipt\\s+#${order.display_id}-1`))
      expect(receipt.attachments[0].filename).toBe(`receipt-order-${order.display_id}-1.pdf`)
      const pdf = await pdfText(attachedPdf(receipt))
      for (const part of [
        "Acme Outfitters",
        `Receipt #${order.display_id}-1`,
        `Payment 1 on order #${order.display_id}`,
        "Received from Bea Buyer",
        "1 Main Street",
        "12345 Springfield",
        "receipt-charge@example.test",
        intent.id,
      ]) {
        expect(pdf).toContain(part)
      }
      expect(pdf).toMatch(/Amount paid\s*\$40\.00/)
      expect(pdf).toMatch(/Payment method\s*Visa •••• 4242/)
      expect(pdf).toMatch(/Left to pay\s*\$60\.00/)

      // Every Stripe event of the payment again, twice; a reconciliation run; the recorded event itself again.
      await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [intent.id]), 2)
      expect((await post("/admin/stripe-collect/reconcile", {})).status).toBe(200)
      const [{ payment_id }] = await paymentIdsOf(order.id)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: PAYMENT_RECORDED_EVENT, data: { order_id: order.id, payment_id } })
      await sleep(WEBHOOK_QUEUE_MS)
      expect(receiptsTo("receipt-charge@example.test")).toHaveLength(1)
      // An admin charge is the merchant's own doing: no "link paid" email.
      expect(emailsTo("alerts@acme.test").filter((e) => /link paid/i.test(e.subject))).toHaveLength(0)

      // A second payment is payment 2, with nothing left to pay.
      await charge(order.id, 60)
      const second = (await waitForEmails(() => receiptsTo("receipt-charge@example.test"), 2, "the second receipt"))[1]
      expect(second.text).toContain("Your order is now paid in full.")
      const secondPdf = await pdfText(attachedPdf(second))
      expect(secondPdf).toContain(`Receipt #${order.display_id}-2`)
      expect(secondPdf).toMatch(/Paid so far\s*\$100\.00/)
      expect(secondPdf).toMatch(/Left to pay\s*\$0\.00/)
    })

    it("the order card downloads each payment's receipt PDF (the one the email carried); another order's payment is 404", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 50, email: "receipt-download@example.test" })
      const other = await createUnpaidOrder(getContainer(), { amount: 30, email: "receipt-other@example.test" })
      await charge(order.id, 50)
      await charge(other.id, 30)
      const [mine] = await paymentIdsOf(order.id)
      const [theirs] = await paymentIdsOf(other.id)
      expect(mine.receipt_path).toBe(`/admin/stripe-collect/orders/${order.id}/receipts/${mine.payment_id}`)

      const download = await get(mine.receipt_path, { responseType: "arraybuffer" })
      expect(download.status).toBe(200)
      expect(download.headers["content-type"]).toBe("application/pdf")
      expect(download.headers["content-disposition"]).toBe(`attachment; filename="receipt-order-${order.display_id}-1.pdf"`)
      const downloaded = await pdfText(Buffer.from(download.data))
      expect(downloaded).toMatch(/Amount paid\s*\$50\.00/)
      const [emailed] = await waitForEmails(() => receiptsTo("receipt-download@example.test"), 1, "the receipt email")
      expect(downloaded).toBe(await pdfText(attachedPdf(emailed)))

      const crossed = await get(`/admin/stripe-collect/orders/${order.id}/receipts/${theirs.payment_id}`)
      expect(crossed.status).toBe(404)
      expect((await get(`/admin/stripe-collect/orders/${order.id}/receipts/pay_unknown`)).status).toBe(404)
      const anonymous = await api.get(mine.receipt_path).catch((e: any) => e.response)
      expect(anonymous.status).toBe(401)
    })

    it("a paid link: one receipt numbered by the invoice, one 'link paid' email to the payment-notifications address; invoice and receipt PDFs print the store address and the billing address", async () => {
      const saved = await saveSettings({
        payment_notification_email: "payments@acme.test",
        store_address: " 1 Oak Lane \r\n\nPortland, OR 97201 ",
      })
      expect(saved.data.settings.store_address).toBe("1 Oak Lane\nPortland, OR 97201")
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "receipt-link@example.test" })
      const { checkout_session_id } = await payLink(order.id, { amount: 100 })

      const [receipt] = await waitForEmails(() => receiptsTo("receipt-link@example.test"), 1, "the customer's receipt")
      const [paid] = await waitForEmails(() => emailsTo("payments@acme.test"), 1, "the merchant's 'link paid' email")
      const invoice = (await card(order.id)).invoice
      expect(invoice.number).toMatch(/^INV-\d{4}-\d{4}$/)
      expect(receipt.text).toMatch(new RegExp(`Receipt\\s+${invoice.number}-1`))
      const pdf = await pdfText(attachedPdf(receipt))
      expect(pdf).toContain(`Receipt ${invoice.number}-1`)
      expect(pdf).toContain(`Payment 1 towards invoice ${invoice.number}`)
      expect(pdf).toContain("1 Oak Lane\nPortland, OR 97201")
      expect(pdf).toMatch(/Amount paid\s*\$100\.00/)

      expect(paid.subject).toBe(`Payment link paid: $100.00 for order #${order.display_id}`)
      expect(paid.text).toContain("The order is now paid in full.")
      expect(paid.text).toMatch(/Paid with\s+Visa •••• 4242/)
      // The integration-error address is not the payment-notifications address any more.
      expect(emailsTo("alerts@acme.test").filter((e) => /link paid/i.test(e.subject))).toHaveLength(0)

      // The invoice PDF that came with the link prints the order's billing address.
      const invoiceEmail = emailsTo("receipt-link@example.test").find((e) => e.attachments[0]?.filename === `${invoice.number}.pdf`)!
      const invoicePdf = await pdfText(attachedPdf(invoiceEmail))
      expect(invoicePdf).toContain("Acme Outfitters\n1 Oak Lane\nPortland, OR 97201")
      expect(invoicePdf).toContain("Billed to Bea Buyer")
      expect(invoicePdf).toContain("1 Main Street")
      expect(invoicePdf).toContain("12345 Springfield")

      // The Checkout's events again, twice: nothing new.
      const session = await stripe.checkout.sessions.retrieve(checkout_session_id)
      await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [session.id, session.payment_intent as string]), 2)
      expect((await post("/admin/stripe-collect/reconcile", {})).status).toBe(200)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(receiptsTo("receipt-link@example.test")).toHaveLength(1)
      expect(emailsTo("payments@acme.test")).toHaveLength(1)
    })

    it("a bank debit: no receipt while it processes, one receipt naming the method when the bank pays", async () => {
      expect((await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "all" })).status).toBe(200)
      const order = await createUnpaidOrder(getContainer(), { currency: "eur", amount: 100, email: "receipt-sepa@example.test" })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 60 })
      const checkoutUrl = await pressPay(created.data.payment_link.url)
      const submitted = await fetch(checkoutUrl, {
        method: "POST",
        body: new URLSearchParams({ method: "sepa_debit", iban: SEPA_SUCCEEDS, account_holder_name: "Jenny Rosen" }),
        redirect: "manual",
      })
      expect(submitted.status).toBe(303)
      await fetch(new URL(submitted.headers.get("location")!, checkoutUrl))
      await sandbox.current().webhooksSettled()
      const processing = (await card(order.id)).activity.find((a: any) => a.status === "processing")
      expect(processing).toBeDefined()
      await sleep(WEBHOOK_QUEUE_MS)
      expect(receiptsTo("receipt-sepa@example.test")).toHaveLength(0)
      // The merchant hears of a link paid only once the bank has paid it.
      expect(emailsTo("alerts@acme.test").filter((e) => /link paid/i.test(e.subject))).toHaveLength(0)

      sandbox.current().settlePayment(processing.stripe_object_id)
      const [receipt] = await waitForEmails(() => receiptsTo("receipt-sepa@example.test"), 1, "the receipt once the bank paid")
      expect(receipt.text).toMatch(/Paid with\s+SEPA Direct Debit •••• 3000/)
      expect(receipt.text).toMatch(/Remaining balance\s+€40\.00/)
      await waitForEmails(() => emailsTo("alerts@acme.test").filter((e) => /link paid/i.test(e.subject)), 1, "the 'link paid' email")
    })

    it("switched off in Settings, or Stripe sending its own receipt (the provider's receipts option): no receipt from the store", async () => {
      const off = await saveSettings({ customer_receipts: false })
      expect(off.status).toBe(200)
      expect(off.data.settings.customer_receipts).toEqual({ switch_on: false, stripe_sends_receipts: false, enabled: false })
      const quiet = await createUnpaidOrder(getContainer(), { amount: 20, email: "receipt-off@example.test" })
      await payLink(quiet.id)
      // The merchant's email (default address: the integration-error one) shows the payment was handled.
      await waitForEmails(
        () => emailsTo("alerts@acme.test").filter((e) => e.subject.includes(`#${quiet.display_id}`)),
        1,
        "the 'link paid' email"
      )
      await sleep(2_000)
      expect(receiptsTo("receipt-off@example.test")).toHaveLength(0)

      // On again in Settings, but Stripe sends its own receipt: the store's stays off, and Settings says why.
      expect((await saveSettings({ customer_receipts: true })).status).toBe(200)
      const restore = setProviderOptions(getContainer(), { receipts: true })
      try {
        const settings = (await get("/admin/stripe-collect/settings")).data.settings
        expect(settings.customer_receipts).toEqual({ switch_on: true, stripe_sends_receipts: true, enabled: false })

        const charged = await createUnpaidOrder(getContainer(), { amount: 20, email: "stripe-receipt@example.test" })
        const intent = await charge(charged.id, 20)
        expect(intent.receipt_email).toBe("stripe-receipt@example.test")
        const linked = await createUnpaidOrder(getContainer(), { amount: 20, email: "stripe-receipt-link@example.test" })
        const { checkout_session_id } = await payLink(linked.id)
        const session = await stripe.checkout.sessions.retrieve(checkout_session_id, { expand: ["payment_intent"] })
        expect((session.payment_intent as Stripe.PaymentIntent).receipt_email).toBe("stripe-receipt-link@example.test")
        await waitForEmails(
          () => emailsTo("alerts@acme.test").filter((e) => e.subject.includes(`#${linked.display_id}`)),
          1,
          "the 'link paid' email"
        )
        await sleep(2_000)
        expect(receiptsTo("stripe-receipt@example.test")).toHaveLength(0)
        expect(receiptsTo("stripe-receipt-link@example.test")).toHaveLength(0)
      } finally {
        restore()
      }
    })

    it("a dispute emails the payment-notifications address once; without one, the integration-error address", async () => {
      expect((await saveSettings({ payment_notification_email: "payments@acme.test" })).status).toBe(200)
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "disputer@example.test" })
      await charge(order.id, 100, "pm_card_createDispute")
      const disputed = () => emailsTo("payments@acme.test").filter((e) => /disputed/i.test(e.subject))
      const [email] = await waitForEmails(disputed, 1, "the dispute email")
      const dispute = (await card(order.id)).disputes[0]
      expect(email.subject).toBe(`Payment disputed: $100.00 on order #${order.display_id}`)
      expect(email.text).toContain(dispute.id)
      expect(email.text).toMatch(/Reason\s+fraudulent/)
      expect(email.html).toContain(`https://dashboard.stripe.com/test/disputes/${dispute.id}`)

      await redeliver(api.defaults.baseURL!, await stripeEventsAbout(stripe, [dispute.id]), 2)
      await sleep(WEBHOOK_QUEUE_MS)
      expect(disputed()).toHaveLength(1)
      expect(emailsTo("alerts@acme.test").filter((e) => /disputed/i.test(e.subject))).toHaveLength(0)

      // Cleared: the default, the integration-error address, hears of the next one.
      const cleared = await saveSettings({ payment_notification_email: "" })
      expect(cleared.data.settings.payment_notification_email).toBeNull()
      const next = await createUnpaidOrder(getContainer(), { amount: 10, email: "disputer-2@example.test" })
      await charge(next.id, 10, "pm_card_createDispute")
      await waitForEmails(
        () => emailsTo("alerts@acme.test").filter((e) => /disputed/i.test(e.subject) && e.subject.includes(`#${next.display_id}`)),
        1,
        "the dispute email at the default address"
      )
    })

    it("refuses a bad payment-notifications address, store address or switch value with a 400 naming the field, and changes nothing", async () => {
      expect(
        (await saveSettings({ payment_notification_email: "payments@acme.test", customer_receipts: false, store_address: "1 Oak Lane" }))
          .status
      ).toBe(200)
      for (const [body, field] of [
        [{ payment_notification_email: "not-an-address" }, "payment_notification_email"],
        [{ payment_notification_email: `${"a".repeat(250)}@acme.test` }, "payment_notification_email"],
        [{ payment_notification_email: 42 }, "payment_notification_email"],
        [{ customer_receipts: "yes" }, "customer_receipts"],
        [{ store_address: "1\n2\n3\n4\n5\n6\n7" }, "store_address"],
        [{ store_address: "Main St\u0007" }, "store_address"],
        [{ store_address: "x".repeat(501) }, "store_address"],
      ] as const) {
        const answer = await saveSettings(body)
        expect(answer.status).toBe(400)
        expect(answer.data.message).toContain(field)
      }
      const settings = (await get("/admin/stripe-collect/settings")).data.settings
      expect(settings.payment_notification_email).toBe("payments@acme.test")
      expect(settings.customer_receipts.switch_on).toBe(false)
      expect(settings.store_address).toBe("1 Oak Lane")
      // Absent fields keep what was saved.
      expect((await saveSettings({})).data.settings).toMatchObject({
        payment_notification_email: "payments@acme.test",
        customer_receipts: { switch_on: false },
        store_address: "1 Oak Lane",
      })
    })
  },
})
