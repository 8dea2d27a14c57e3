import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { PDFParse } from "pdf-parse"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { STRIPE_COLLECT_MODULE } from "../../src/modules/stripe-collect"
import type StripeCollectModuleService from "../../src/modules/stripe-collect/service"

/**
 * Payment terms on links: the due date they give in the store's time zone, printed on the invoice PDF, the email,
 * the pay page and the order card; the store's time zone in Settings → Stripe.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"

/** Today in a time zone and N days later, computed here independently of the plugin. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date())
const plus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const long = (day: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`))
const pdfText = async (pdf: Buffer) => (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    const emailsTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address))
    const post = (path: string, body: Record<string, unknown>) => api.post(path, body, { headers }).catch((e) => e.response)
    const card = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const service = () => getContainer().resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().setWebhookUrl(NOWHERE)
    })

    it("net 30 counts from today in the store's time zone; the due date is on the email, the PDF, the pay page and the order card", async () => {
      // UTC+14: for ten hours of every UTC day it is already tomorrow there.
      const zone = "Pacific/Kiritimati"
      const saved = await post("/admin/stripe-collect/settings/reminders", { time_zone: zone })
      expect(saved.status).toBe(200)
      expect(saved.data.settings.reminders).toEqual({
        time_zone: zone,
        reminder_schedule: [
          { days: -3, enabled: true },
          { days: 0, enabled: true },
          { days: 7, enabled: true },
          { days: 14, enabled: true },
        ],
      })
      const due = plus(todayIn(zone), 30)

      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "terms-1@example.test" })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 40, terms: "net_30" })
      expect(created.status).toBe(201)
      expect(created.data.payment_link).toMatchObject({ terms: "net_30", due_date: due })
      // The link stays payable 30 days past its due date by default.
      const expires = new Date(created.data.payment_link.expires_at).getTime()
      expect(expires - Date.now()).toBeGreaterThan(59 * 86_400_000)

      const [email] = emailsTo("terms-1@example.test")
      expect(email.html).toContain(`Due date: ${long(due)}`)
      expect(email.text).toContain(`Due date: ${long(due)} (Net 30)`)
      const emailed = await pdfText(Buffer.from(email.attachments[0].content, "base64"))
      expect(emailed).toContain(`Due ${long(due)} · Terms: Net 30`)

      const url = created.data.payment_link.url as string
      const page = await (await fetch(url)).text()
      expect(page).toContain(`Due ${long(due)}</strong> (Net 30)`)
      expect(await pdfText(Buffer.from(await (await fetch(`${url}/invoice`)).arrayBuffer()))).toContain(`Due ${long(due)}`)

      const state = await card(order.id)
      expect(state.time_zone).toBe(zone)
      expect(state.invoice).toMatchObject({ terms: "net_30", due_date: due })
      expect(state.payment_links[0]).toMatchObject({
        state: "open",
        terms: "net_30",
        terms_label: "Net 30",
        due_date: due,
        days_overdue: 0,
      })
      // The first scheduled reminder: 3 days before the due date.
      expect(state.payment_links[0].next_reminder_on).toBe(plus(due, -3))

      // A second link on a date: its own due date, the same invoice (issued with the first link's terms).
      const second = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, {
        amount: 20,
        terms: "date",
        due_date: plus(todayIn(zone), 10),
      })
      expect(second.status).toBe(201)
      expect(second.data.payment_link).toMatchObject({ terms: "date", due_date: plus(todayIn(zone), 10) })
      expect((await card(order.id)).invoice.due_date).toBe(due)
      await post("/admin/stripe-collect/settings/reminders", { time_zone: "UTC" })
    })

    it("due on receipt by default: due the day it is sent", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "terms-2@example.test" })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 30 })
      expect(created.data.payment_link).toMatchObject({ terms: "due_on_receipt", due_date: todayIn("UTC") })
      expect(emailsTo("terms-2@example.test")[0].text).toContain(`Due date: ${long(todayIn("UTC"))} (Due on receipt)`)
    })

    it("refuses bad terms, due dates and time zones with a 400 naming the field, and changes nothing", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "terms-3@example.test" })
      const today = todayIn("UTC")
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ terms: "net_45" }, /due_on_receipt, net_7, net_15, net_30, net_60, date' for field 'terms'/],
        [{ terms: "date" }, /terms "date" need a due_date/],
        [{ terms: "date", due_date: "2027-02-30" }, /not a calendar day/],
        [{ terms: "date", due_date: plus(today, -1) }, /due_date must be today/],
        [{ terms: "net_7", due_date: plus(today, 9) }, /only with terms "date"/],
        [{ due_date: "31.12.2026" }, /due_date must be a date, YYYY-MM-DD/],
        [{ terms: "net_60", expires_at: plus(today, 20) }, /expires_at is before the due date/],
      ]
      for (const [body, message] of cases) {
        const answer = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 10, ...body })
        expect([answer.status, answer.data.message]).toEqual([400, expect.stringMatching(message)])
      }
      expect(await service().listPaymentLinks({ order_id: order.id })).toHaveLength(0)
      expect(await service().currentInvoice(order.id)).toBeNull()

      for (const body of [
        { time_zone: "Mars/Olympus_Mons" },
        { time_zone: "" },
        {
          time_zone: "UTC",
          reminder_schedule: [
            { days: 3, enabled: true },
            { days: 3, enabled: false },
          ],
        },
        { time_zone: "UTC", extra: 1 },
      ]) {
        const answer = await post("/admin/stripe-collect/settings/reminders", body)
        expect(answer.status).toBe(400)
      }
      const bad = await post("/admin/stripe-collect/settings/reminders", { time_zone: "Mars/Olympus_Mons" })
      expect(bad.data.message).toMatch(/time_zone must be an IANA time zone name/)
      expect((await api.get("/admin/stripe-collect/settings", { headers })).data.settings.reminders.time_zone).toBe("UTC")
    })

    it("lists links across orders by how they stand: overdue (past the due day with money owed), open, paid; paginated", async () => {
      const orders = await Promise.all(
        [1, 2, 3].map((i) =>
          createUnpaidOrder(getContainer(), { amount: 100, email: `list-${i}@example.test`, billing_name: ["Ola", `Nordmann${i}`] })
        )
      )
      const links = []
      for (const order of orders)
        links.push((await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 40, terms: "net_7" })).data.payment_link)
      // Time passes for two of them: their due dates were 3 and 10 days ago (the link itself has not expired).
      await service().updatePaymentLinks({ id: links[0].id, due_date: plus(todayIn("UTC"), -3) })
      await service().updatePaymentLinks({ id: links[1].id, due_date: plus(todayIn("UTC"), -10) })
      const list = async (query: string) => {
        const answer = await api.get(`/admin/stripe-collect/payment-links?${query}`, { headers }).catch((e) => e.response)
        return answer
      }

      const first = await list("status=overdue&limit=1")
      expect(first.status).toBe(200)
      expect(first.data).toMatchObject({ count: 2, limit: 1, offset: 0 })
      // Longest overdue first.
      expect(first.data.payment_links).toEqual([
        expect.objectContaining({
          id: links[1].id,
          order_id: orders[1].id,
          order_display_id: orders[1].display_id,
          customer_name: "Ola Nordmann2",
          email: "list-2@example.test",
          state: "overdue",
          amount_due: 40,
          currency_code: "usd",
          terms_label: "Net 7",
          due_date: plus(todayIn("UTC"), -10),
          days_overdue: 10,
          age_days: 0,
        }),
      ])
      const next = await list("status=overdue&limit=1&offset=1")
      expect(next.data.payment_links.map((l: { id: string; days_overdue: number }) => [l.id, l.days_overdue])).toEqual([[links[0].id, 3]])
      const open = await list("status=open&limit=100")
      expect(open.data.payment_links.map((l: { id: string }) => l.id)).toContain(links[2].id)
      expect(open.data.payment_links.every((l: { state: string }) => l.state === "open")).toBe(true)
      // The order card shows the same.
      expect((await card(orders[1].id)).payment_links[0]).toMatchObject({ state: "overdue", days_overdue: 10 })

      // Canceled: no longer overdue, listed as canceled.
      await post(`/admin/stripe-collect/payment-links/${links[0].id}/cancel`, {})
      expect((await list("status=overdue")).data.count).toBe(1)
      expect((await list("status=canceled")).data.payment_links.map((l: { id: string }) => l.id)).toContain(links[0].id)
      const all = await list("limit=2&offset=0")
      expect(all.data.payment_links).toHaveLength(2)
      expect(all.data.count).toBeGreaterThanOrEqual(3)

      for (const bad of ["status=late", "limit=0", "limit=101", "offset=-1", "limit=abc", "sort=1"]) {
        const answer = await list(bad)
        expect(answer.status).toBe(400)
      }
      expect((await list("status=late")).data.message).toMatch(/status must be one of open, overdue, processing, paid, canceled, expired/)
    })

    it("limits invoice PDF downloads per link (each renders the PDF): 20 a minute, then 429 with Retry-After", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "terms-4@example.test" })
      const created = await post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 10 })
      const url = `${created.data.payment_link.url}/invoice`
      for (let i = 0; i < 20; i++) expect((await fetch(url)).status).toBe(200)
      const limited = await fetch(url)
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(await limited.text()).toContain("downloaded many times")
    })
  },
})
