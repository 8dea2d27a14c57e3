import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"

jest.setTimeout(300_000)

const sandbox = useSandbox()

const SEPA_SUCCEEDS = "DE89370400440532013000"
const SEPA_FAILS = "DE62370400440532013001"

/** Pays a sandbox Checkout by SEPA Direct Debit, as a customer would, and follows the redirect back to the shop. */
async function payBySepa(checkoutUrl: string, iban: string): Promise<{ status: number; html: string }> {
  const submitted = await fetch(checkoutUrl, {
    method: "POST",
    body: new URLSearchParams({ method: "sepa_debit", iban, account_holder_name: "Jenny Rosen" }),
    redirect: "manual",
  })
  if (submitted.status !== 303) throw new Error(`SEPA payment answered ${submitted.status}: ${(await submitted.text()).slice(0, 300)}`)
  const back = await fetch(new URL(submitted.headers.get("location")!, checkoutUrl))
  return { status: back.status, html: await back.text() }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    const card = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const medusaOrder = async (orderId: string) =>
      (
        await api.get(`/admin/orders/${orderId}?fields=+payment_status,+summary,*payment_collections,*payment_collections.payments`, {
          headers,
        })
      ).data.order
    const post = (path: string, body: Record<string, unknown>) => api.post(path, body, { headers }).catch((e: any) => e.response)
    /** The emails the sandbox's inbox received for one address. */
    const emailsTo = (address: string) => {
      const inbox = sandbox.current().emails()
      return inbox.filter((e) => e.to.includes(address))
    }

    /** An order of 100 EUR with a 60 EUR link the customer pays by SEPA Direct Debit: processing. */
    const orderPaidBySepa = async (email: string, iban: string) => {
      const order = await createUnpaidOrder(getContainer(), { currency: "eur", amount: 100, email })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 60 })
      expect(created.status).toBe(201)
      const link = created.data.payment_link
      const checkoutUrl = await pressPay(link.url)
      const returned = await payBySepa(checkoutUrl, iban)
      expect(returned.status).toBe(200)
      expect(returned.html).toContain("your payment is processing")
      await sandbox.current().webhooksSettled()
      const intentId = (await card(order.id)).activity.find((a: any) => a.status === "processing")?.stripe_object_id as string
      return { order, link, intentId, checkoutUrl }
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
      expect((await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "all" })).status).toBe(200)
    })

    it("SEPA: processing holds the amount (no charge, link or Mark as paid can take it), then records it once when the bank pays, despite duplicated and reordered events", async () => {
      const { order, link, intentId } = await orderPaidBySepa("sepa-ok@example.test", SEPA_SUCCEEDS)
      expect(intentId).toMatch(/^pi_/)

      const processing = await card(order.id)
      expect(processing.order).toMatchObject({ outstanding: 100, processing: 60, payable: true })
      expect(processing.payment_links.find((l: any) => l.id === link.id).status).toBe("processing")
      expect(processing.activity.find((a: any) => a.stripe_object_id === intentId)).toMatchObject({
        kind: "payment_link",
        status: "processing",
        amount: 60,
        payment_method: "SEPA Direct Debit •••• 3000",
      })
      const beforeBank = await medusaOrder(order.id)
      expect(beforeBank.payment_status).not.toBe("captured")
      expect(beforeBank.summary.paid_total).toBe(0)

      // Nothing may collect the held 60: a charge for more than the other 40, the same link, Medusa's Mark as paid.
      const overCharge = await post(`/admin/stripe-collect/orders/${order.id}/charges`, { amount: 50, payment_method: "pm_card_visa" })
      expect(overCharge.status).toBe(400)
      expect(overCharge.data.message).toMatch(/more than the 40 EUR outstanding.*held by a bank payment/)
      const again = await fetch(link.url, { method: "POST", redirect: "manual" })
      expect(again.status).toBe(200)
      expect(await again.text()).toContain("A payment is processing")
      const linkCollection = beforeBank.payment_collections.find((c: any) => c.amount === 60)
      const markPaid = await post(`/admin/payment-collections/${linkCollection.id}/mark-as-paid`, { order_id: order.id })
      expect(markPaid.status).toBe(409)
      expect(markPaid.data.message).toMatch(/bank payment .* is processing/)
      // A new link asks for the 40 nobody holds.
      const rest = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, {})
      expect(rest.data.payment_link.amount).toBe(40)

      // The bank pays; Stripe's events arrive twice and out of order.
      sandbox.current().addWebhookFault({ mode: "duplicate", times: 10 })
      sandbox.current().addWebhookFault({ mode: "reorder", times: 10 })
      sandbox.current().settlePayment(intentId)
      await waitFor(async () => (await medusaOrder(order.id)).summary.paid_total === 60, 30_000)
      await sandbox.current().webhooksSettled()
      // A late replay of the success changes nothing.
      const events = await fetch(`${sandbox.current().url}/_sandbox/events`).then((r) => r.json())
      const succeeded = events.data.find((e: any) => e.type === "checkout.session.async_payment_succeeded")
      sandbox.current().sendEvent({ type: succeeded.type, object: succeeded.data.object })
      await sandbox.current().webhooksSettled()

      const paid = await medusaOrder(order.id)
      expect(paid.summary.paid_total).toBe(60)
      expect(paid.payment_status).toBe("partially_captured")
      const payments = paid.payment_collections.flatMap((c: any) => c.payments ?? [])
      expect(payments.filter((p: any) => Number(p.amount) === 60)).toHaveLength(1)
      const after = await card(order.id)
      expect(after.order.processing).toBe(0)
      expect(after.payment_links.find((l: any) => l.id === link.id).status).toBe("paid")
      expect(after.activity.filter((a: any) => a.stripe_object_id === intentId)).toEqual([
        expect.objectContaining({ status: "paid", payment_method: "SEPA Direct Debit •••• 3000" }),
      ])
    })

    it("SEPA failure: nothing is recorded, the link opens again and emails the customer, and a new Pay press works", async () => {
      const { order, link, intentId } = await orderPaidBySepa("sepa-fails@example.test", SEPA_FAILS)
      const sentBefore = emailsTo("sepa-fails@example.test").length

      sandbox.current().settlePayment(intentId)
      // The customer's email is the last thing the failure does.
      await waitFor(async () => (await card(order.id)).activity.some((a: any) => a.operation === "payment_link_payment_failed"), 30_000)
      await sandbox.current().webhooksSettled()

      const failed = await card(order.id)
      expect(failed.order).toMatchObject({ outstanding: 100, processing: 0 })
      expect(failed.activity.find((a: any) => a.stripe_object_id === intentId)).toMatchObject({
        status: "failed",
        payment_method: "SEPA Direct Debit •••• 3001",
        message: expect.stringContaining("insufficient funds"),
      })
      expect(failed.activity.filter((a: any) => a.operation === "payment_link_payment_failed")).toEqual([
        expect.objectContaining({ status: "emailed" }),
      ])
      expect((await medusaOrder(order.id)).summary.paid_total).toBe(0)
      const emails = emailsTo("sepa-fails@example.test")
      expect(emails).toHaveLength(sentBefore + 1)
      const email = emails[emails.length - 1]
      expect(email.subject).toMatch(/did not go through/)
      expect(email.text).toContain("SEPA Direct Debit •••• 3001")
      expect(email.html).toContain(link.url)

      // The customer pays again with the same link: a new Checkout, paid by card this time.
      const returned = await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242")
      expect(returned.html).toContain("Thank you")
      expect((await medusaOrder(order.id)).summary.paid_total).toBe(60)
    })

    it("reconciliation heals both directions when Stripe's events are lost", async () => {
      const ok = await orderPaidBySepa("sepa-recon-ok@example.test", SEPA_SUCCEEDS)
      const ko = await orderPaidBySepa("sepa-recon-ko@example.test", SEPA_FAILS)
      sandbox.current().setWebhookUrl(null)
      sandbox.current().settlePayment(ok.intentId)
      sandbox.current().settlePayment(ko.intentId)

      const check = await post("/admin/stripe-collect/reconcile", {})
      expect(check.status).toBe(200)
      expect(check.data.reconciliation).toMatchObject({ recorded: 1, declined: 1 })
      expect((await medusaOrder(ok.order.id)).summary.paid_total).toBe(60)
      expect((await card(ko.order.id)).payment_links.find((l: any) => l.id === ko.link.id).status).toBe("viewed")
      // Checking again finds nothing left to do.
      const twice = await post("/admin/stripe-collect/reconcile", {})
      expect(twice.data.reconciliation).toMatchObject({ recorded: 0, declined: 0 })
      expect((await medusaOrder(ok.order.id)).summary.paid_total).toBe(60)
    })

    it("a SEPA debit the bank returns after it succeeded (Stripe reports it as a dispute) shows on the order, and is recorded as money gone once", async () => {
      const { order, intentId } = await orderPaidBySepa("sepa-returned@example.test", SEPA_SUCCEEDS)
      sandbox.current().settlePayment(intentId)
      await waitFor(async () => (await medusaOrder(order.id)).summary.paid_total === 60, 30_000)
      await sandbox.current().webhooksSettled()

      // The customer's bank returns the debit: Stripe opens a dispute on the charge, lost from the start for SEPA.
      const returned = await fetch(`${sandbox.current().url}/_sandbox/disputes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ payment_intent: intentId, reason: "debit_not_authorized" }),
      })
      expect(returned.status).toBe(200)
      const dispute = (await returned.json()) as { id: string }
      await waitFor(async () => ((await card(order.id)).disputes ?? []).some((d: any) => d.id === dispute.id), 30_000)
      expect((await card(order.id)).disputes).toEqual([
        expect.objectContaining({ id: dispute.id, reason: "debit_not_authorized", amount: 60 }),
      ])

      const lost = await fetch(`${sandbox.current().url}/_sandbox/disputes/${dispute.id}/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "lost" }),
      })
      expect(lost.status).toBe(200)
      const refundedTotal = async () => {
        const { data } = await api.get(`/admin/orders/${order.id}?fields=*payment_collections.payments.refunds`, { headers })
        return (data.order.payment_collections as any[])
          .flatMap((c) => c.payments ?? [])
          .flatMap((p) => p.refunds ?? [])
          .reduce((sum: number, r: any) => sum + Number(r.amount), 0)
      }
      await waitFor(async () => (await refundedTotal()) === 60, 30_000)
      await sandbox.current().webhooksSettled()
      expect(await refundedTotal()).toBe(60)
      expect((await card(order.id)).disputes).toEqual([expect.objectContaining({ id: dispute.id, status: "lost", open: false })])
    })

    it("Klarna and Apple Pay settle at once, like cards, and the activity names the method", async () => {
      const order = await createUnpaidOrder(getContainer(), { currency: "eur", amount: 100, email: "instant@example.test" })
      const klarna = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 30 })
      const klarnaCheckout = await pressPay(klarna.data.payment_link.url)
      expect((await fetch(klarnaCheckout, { method: "POST", body: new URLSearchParams({ method: "klarna" }) })).status).toBe(200)
      const approved = await fetch(`${klarnaCheckout}/klarna`, {
        method: "POST",
        body: new URLSearchParams({ action: "approve" }),
        redirect: "manual",
      })
      expect(approved.status).toBe(303)
      expect(await (await fetch(approved.headers.get("location")!)).text()).toContain("Thank you")

      const wallet = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 20 })
      const walletCheckout = await pressPay(wallet.data.payment_link.url)
      const paid = await fetch(walletCheckout, { method: "POST", body: new URLSearchParams({ method: "apple_pay" }), redirect: "manual" })
      expect(paid.status).toBe(303)
      expect(await (await fetch(paid.headers.get("location")!)).text()).toContain("Thank you")

      expect((await medusaOrder(order.id)).summary.paid_total).toBe(50)
      const activity = (await card(order.id)).activity.filter((a: any) => a.status === "paid")
      expect(activity.map((a: any) => [a.amount, a.payment_method]).sort()).toEqual([
        [20, "Apple Pay · Visa •••• 4242"],
        [30, "Klarna"],
      ])
    })
  },
})
