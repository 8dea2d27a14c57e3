import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { PDFParse } from "pdf-parse"
import { createAdminHeaders } from "../helpers/admin"
import { payOnSandboxCheckout, pressPay, waitFor } from "../helpers/checkout"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"
import { sendDueReminders } from "../../src/payment-links/send-due-reminders"

/**
 * The reminder job on a controllable clock (sendDueReminders(container, now) is what the hourly job runs): the
 * schedule's emails arrive exactly on their days, at most one a day, never after payment or cancel; Send reminder
 * by hand; Issue invoice on demand from the same series.
 */

jest.setTimeout(300_000)

const sandbox = useSandbox()
const NOWHERE = "http://127.0.0.1:9/hooks/payment/stripe-collect_default"
const DAY = 86_400_000
const ZONE = "America/New_York"
const todayIn = (timeZone: string, at = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(at)
const plus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
const long = (day: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`))
const pdfText = async (base64: string) => (await new PDFParse({ data: new Uint8Array(Buffer.from(base64, "base64")) }).getText()).text

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    const saved = process.env.STRIPE_COLLECT_PUBLIC_URL
    const emailsTo = (address: string) =>
      sandbox
        .current()
        .emails()
        .filter((e) => e.to.includes(address))
    const post = (path: string, body: Record<string, unknown> = {}) => api.post(path, body, { headers }).catch((e) => e.response)
    const card = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const sendLink = async (orderId: string, body: Record<string, unknown>) => {
      const answer = await post(`/admin/stripe-collect/orders/${orderId}/payment-links`, body)
      expect(answer.status).toBe(201)
      return answer.data.payment_link as { id: string; url: string; due_date: string }
    }

    beforeAll(() => {
      process.env.STRIPE_COLLECT_PUBLIC_URL = api.defaults.baseURL as string
    })
    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().setWebhookUrl(NOWHERE)
      expect((await post("/admin/stripe-collect/settings/reminders", { time_zone: ZONE })).status).toBe(200)
    })
    afterAll(() => {
      if (saved === undefined) delete process.env.STRIPE_COLLECT_PUBLIC_URL
      else process.env.STRIPE_COLLECT_PUBLIC_URL = saved
    })

    it("sends the schedule exactly on its days (3 before, on, 7 and 14 after the due date), one a day, never after payment or cancel", async () => {
      const addresses = ["remind-open", "remind-paid", "remind-canceled", "remind-order-canceled"].map((n) => `${n}@example.test`)
      const orders = await Promise.all(addresses.map((email) => createUnpaidOrder(getContainer(), { amount: 100, email })))
      const links = []
      for (const order of orders) links.push(await sendLink(order.id, { amount: 40, terms: "net_7" }))
      const due = links[0].due_date
      expect(due).toBe(plus(todayIn(ZONE), 7))

      await payOnSandboxCheckout(await pressPay(links[1].url), "4242424242424242")
      await waitFor(async () => (await card(orders[1].id)).payment_links[0].status === "paid")
      expect((await post(`/admin/stripe-collect/payment-links/${links[2].id}/cancel`)).status).toBe(200)
      expect((await post(`/admin/orders/${orders[3].id}/cancel`)).status).toBe(200)

      // Day by day, twice a day (two concurrent runs each time), for 25 days: which emails arrive on which day of the store's calendar.
      const arrived: Record<string, string[]> = {}
      const start = Date.now()
      for (let day = 0; day <= 25; day++) {
        for (const hours of [0, 6]) {
          const now = new Date(start + day * DAY + hours * 3_600_000)
          const before = sandbox.current().emails().length
          // Two runs at once, as a server and a worker process might: the day is taken once.
          await Promise.all([sendDueReminders(getContainer(), now), sendDueReminders(getContainer(), now)])
          // Reminders only: a paid link's receipt (sent when its payment is recorded) is not one.
          for (const email of sandbox
            .current()
            .emails()
            .slice(before)
            .filter((e) => e.subject.startsWith("Reminder"))) {
            ;(arrived[email.to.join(",")] ??= []).push(todayIn(ZONE, now))
          }
        }
      }
      expect(arrived).toEqual({ [addresses[0]]: [plus(due, -3), due, plus(due, 7), plus(due, 14)] })

      const reminders = emailsTo(addresses[0]).slice(1)
      const number = (await card(orders[0].id)).invoice.number
      for (const email of reminders) {
        expect(email.subject).toContain(`(invoice ${number})`)
        expect(email.text).toContain(`Due date: ${long(due)} (Net 7)`)
        expect(email.attachments.map((a) => a.filename)).toEqual([`${number}.pdf`])
        expect(await pdfText(email.attachments[0].content)).toContain(`Due ${long(due)} · Terms: Net 7`)
        expect(email.html).toContain(links[0].url)
      }
      expect(reminders[0].text).toContain(`is still due for order`)
      expect(reminders[2].text).toContain(`was due on ${long(due)} and is overdue`)

      const activity = (await card(orders[0].id)).activity.filter((a: any) => a.operation === "send_reminder")
      expect(activity.map((a: any) => a.message).reverse()).toEqual([
        `Reminder emailed to ${addresses[0]}: 3 days before the due date (${long(due)})`,
        `Reminder emailed to ${addresses[0]}: on the due date (${long(due)})`,
        `Reminder emailed to ${addresses[0]}: 7 days after the due date (${long(due)})`,
        `Reminder emailed to ${addresses[0]}: 14 days after the due date (${long(due)})`,
      ])
    })

    it("a link whose bank debit is processing is neither overdue nor reminded, by the job or by hand", async () => {
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
      expect((await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "all" })).status).toBe(200)
      const order = await createUnpaidOrder(getContainer(), { currency: "eur", amount: 100, email: "remind-sepa@example.test" })
      const link = await sendLink(order.id, { amount: 60, terms: "net_7" })
      const checkoutUrl = await pressPay(link.url)
      const submitted = await fetch(checkoutUrl, {
        method: "POST",
        body: new URLSearchParams({ method: "sepa_debit", iban: "DE89370400440532013000", account_holder_name: "Jenny Rosen" }),
        redirect: "manual",
      })
      expect(submitted.status).toBe(303)
      await fetch(new URL(submitted.headers.get("location")!, checkoutUrl))
      await sandbox.current().webhooksSettled()
      await waitFor(async () => (await card(order.id)).payment_links[0].status === "processing")

      const start = Date.now()
      for (let day = 0; day <= 25; day++) await sendDueReminders(getContainer(), new Date(start + day * DAY))
      expect(emailsTo("remind-sepa@example.test").filter((e) => e.subject.startsWith("Reminder"))).toEqual([])
      expect((await card(order.id)).payment_links[0]).toMatchObject({ state: "processing", days_overdue: 0 })
      const refused = await post(`/admin/stripe-collect/payment-links/${link.id}/remind`)
      expect([refused.status, refused.data.message]).toEqual([409, "No reminder for this payment link: its bank payment is processing"])
      const overdue = await api.get("/admin/stripe-collect/payment-links?status=overdue&limit=100", { headers })
      expect(overdue.data.payment_links.map((l: { id: string }) => l.id)).not.toContain(link.id)
      const processing = await api.get("/admin/stripe-collect/payment-links?status=processing", { headers })
      expect(processing.data.payment_links.map((l: { id: string }) => l.id)).toContain(link.id)

      await post("/admin/stripe-collect/settings/payment-methods", { link_payment_methods: "cards" })
      sandbox.current().setWebhookUrl(NOWHERE)
    })

    it("skips steps turned off in Settings → Stripe", async () => {
      const schedule = [
        { days: -3, enabled: false },
        { days: 0, enabled: true },
        { days: 7, enabled: false },
        { days: 14, enabled: true },
      ]
      expect((await post("/admin/stripe-collect/settings/reminders", { time_zone: ZONE, reminder_schedule: schedule })).status).toBe(200)
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "remind-some@example.test" })
      const link = await sendLink(order.id, { amount: 40, terms: "net_15" })
      const days: string[] = []
      const start = Date.now()
      for (let day = 0; day <= 30; day++) {
        const now = new Date(start + day * DAY)
        const before = emailsTo("remind-some@example.test").length
        await sendDueReminders(getContainer(), now)
        if (emailsTo("remind-some@example.test").length > before) days.push(todayIn(ZONE, now))
      }
      expect(days).toEqual([link.due_date, plus(link.due_date, 14)])
      await post("/admin/stripe-collect/settings/reminders", {
        time_zone: ZONE,
        reminder_schedule: schedule.map((s) => ({ ...s, enabled: true })),
      })
    })

    it("Send reminder emails the same invoice now, takes the day from the job, and is refused for links that cannot be paid", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100, email: "remind-hand@example.test" })
      const link = await sendLink(order.id, { amount: 25, terms: "due_on_receipt" })
      const number = (await card(order.id)).invoice.number

      const sent = await post(`/admin/stripe-collect/payment-links/${link.id}/remind`)
      expect(sent.status).toBe(200)
      expect(sent.data.payment_link).toMatchObject({ id: link.id, last_reminder_on: todayIn(ZONE), due_date: link.due_date })
      const [, reminder] = emailsTo("remind-hand@example.test")
      expect(reminder.subject).toBe(`Reminder: $25.00 due for order #${order.display_id} from Medusa Store (invoice ${number})`)
      expect(await pdfText(reminder.attachments[0].content)).toContain(`Invoice ${number}`)
      expect((await card(order.id)).activity[0]).toMatchObject({ operation: "send_reminder", status: "emailed" })

      // The job sends nothing more today, and on the next days only what the schedule says (7 days after).
      await sendDueReminders(getContainer(), new Date())
      expect(emailsTo("remind-hand@example.test")).toHaveLength(2)
      for (let day = 1; day <= 7; day++) await sendDueReminders(getContainer(), new Date(Date.now() + day * DAY))
      expect(emailsTo("remind-hand@example.test")).toHaveLength(3)

      // Throttled like Resend: 5 an hour per link.
      for (let i = 0; i < 4; i++) expect((await post(`/admin/stripe-collect/payment-links/${link.id}/remind`)).status).toBe(200)
      const limited = await post(`/admin/stripe-collect/payment-links/${link.id}/remind`)
      expect(limited.status).toBe(429)
      expect(limited.data.message).toMatch(/sent 5 times in the last hour/)

      expect((await post(`/admin/stripe-collect/payment-links/${link.id}/cancel`)).status).toBe(200)
      const other = await sendLink(order.id, { amount: 10 })
      await post(`/admin/stripe-collect/payment-links/${other.id}/cancel`)
      const refused = await post(`/admin/stripe-collect/payment-links/${other.id}/remind`)
      expect([refused.status, refused.data.message]).toEqual([409, "No reminder for this payment link: it is canceled"])
      expect((await post(`/admin/stripe-collect/payment-links/paylink_unknown/remind`)).status).toBe(404)
    })

    it("Issue invoice issues the order's invoice from the same series before any link; its first link sends that number", async () => {
      const [first, second] = await Promise.all(
        ["issue-1@example.test", "issue-2@example.test"].map((email) => createUnpaidOrder(getContainer(), { amount: 80, email }))
      )
      expect((await card(first.id)).invoice).toBeNull()
      const issued = await post(`/admin/stripe-collect/orders/${first.id}/invoice`, { terms: "net_15" })
      expect(issued.status).toBe(201)
      expect(issued.data.invoice).toMatchObject({
        version: 1,
        status: "issued",
        order_total: 80,
        terms: "net_15",
        due_date: plus(todayIn(ZONE), 15),
      })
      const number: string = issued.data.invoice.number
      expect((await post(`/admin/stripe-collect/orders/${first.id}/invoice`)).data.message).toBe(
        `This order has invoice ${number} already; an order has one invoice`
      )
      // The next order's first link takes the next number of the same series.
      await sendLink(second.id, { amount: 80 })
      const next = (await card(second.id)).invoice.number as string
      expect(Number(next.slice(-4))).toBe(Number(number.slice(-4)) + 1)
      expect(next.slice(0, -4)).toBe(number.slice(0, -4))

      await sendLink(first.id, { amount: 30 })
      expect(emailsTo("issue-1@example.test")[0].subject).toContain(`Invoice ${number}`)
      const pdf = await api.get(`/admin/stripe-collect/orders/${first.id}/invoice`, { headers, responseType: "arraybuffer" })
      expect(pdf.status).toBe(200)

      const canceled = await createUnpaidOrder(getContainer(), { amount: 10, email: "issue-3@example.test" })
      await post(`/admin/orders/${canceled.id}/cancel`)
      const refused = await post(`/admin/stripe-collect/orders/${canceled.id}/invoice`)
      expect([refused.status, refused.data.message]).toEqual([409, "This order is canceled; it gets no invoice"])
      expect((await post(`/admin/stripe-collect/orders/${first.id}/invoice`, { terms: "net_45" })).status).toBe(400)
    })
  },
})
