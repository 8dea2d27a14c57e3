import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomerWithCardOnFile, createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { STRIPE_COLLECT_MODULE } from "../../src/modules/stripe-collect"

jest.setTimeout(300_000)

const SANDBOX_PUBLISHABLE_KEY = "pk_test_stripe_collect_sandbox"

// The provider's moto option on (medusa-config.ts reads STRIPE_MOTO): the account is enabled for MOTO.
const savedMoto = process.env.STRIPE_MOTO
process.env.STRIPE_MOTO = "true"
afterAll(() => {
  if (savedMoto === undefined) delete process.env.STRIPE_MOTO
  else process.env.STRIPE_MOTO = savedMoto
})

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let stripe: Stripe
    let browserStripe: Stripe
    const nextYear = new Date().getUTCFullYear() + 1

    const charge = (orderId: string, body: unknown) =>
      api.post(`/admin/stripe-collect/orders/${orderId}/charges`, body, { headers }).catch((e: any) => e.response)
    const summary = async (orderId: string) => (await api.get(`/admin/stripe-collect/orders/${orderId}`, { headers })).data
    const typedCard = (number: string) =>
      browserStripe.paymentMethods.create({
        type: "card",
        card: { number, exp_month: 12, exp_year: nextYear, cvc: "123" },
        billing_details: { name: "Paula Phone", address: { postal_code: "97201", country: "US" } },
      })
    /** The PaymentIntent creations the plugin sent since the mark, as Stripe received them. */
    const intentRequests = (since: number) =>
      sandbox
        .current()
        .requests()
        .filter((r) => r.seq >= since && r.method === "POST" && r.path === "/v1/payment_intents")
    const mark = () =>
      Math.max(
        0,
        ...sandbox
          .current()
          .requests()
          .map((r) => r.seq)
      ) + 1
    const cardOptions = (params: Record<string, unknown>) =>
      ((params.payment_method_options as Record<string, unknown> | undefined)?.card ?? {}) as Record<string, unknown>

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      const s = sandbox.current()
      stripe = new Stripe(SANDBOX_API_KEY, { ...s.stripe, maxNetworkRetries: 0 })
      browserStripe = new Stripe(SANDBOX_PUBLISHABLE_KEY, { ...s.stripe, maxNetworkRetries: 0 })
    })

    it("offers Mail/phone order when the moto option is on, with the consent sentence for saving a card", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 50 })
      const state = await summary(order.id)
      expect(state.mail_phone_order_available).toBe(true)
      expect(state.save_card_consent).toMatch(/agrees/)
    })

    it("charges a card on file without the customer: off_session, no MOTO, and says so", async () => {
      const { customer, card } = await createCustomerWithCardOnFile(getContainer(), stripe, "onfile.phone@example.test")
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email: customer.email, customer_id: customer.id })
      const since = mark()

      const response = await charge(order.id, { amount: 30, payment_method: card.id })
      expect(response.status).toBe(201)

      const [sent] = intentRequests(since)
      expect(sent.params).toMatchObject({ off_session: "true", payment_method: card.id })
      expect(cardOptions(sent.params).moto).toBeUndefined()
      expect(sent.params.metadata).toMatchObject({ stripe_collect_card_entry: "card_on_file" })

      const line = (await summary(order.id)).activity.find((a: { kind: string }) => a.kind === "charge")
      expect(line).toMatchObject({
        status: "succeeded",
        card_entry: "card_on_file",
        card_entry_label: expect.stringMatching(/Card on file/),
      })
    })

    it("charges a typed card with the Mail/phone order box as MOTO, and without it as neither", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })

      const byPhone = await typedCard("4242 4242 4242 4242")
      let since = mark()
      expect((await charge(order.id, { amount: 20, payment_method: byPhone.id, mail_phone_order: true })).status).toBe(201)
      let [sent] = intentRequests(since)
      expect(cardOptions(sent.params).moto).toBe("true")
      expect(sent.params.off_session).toBeUndefined()
      expect(sent.params.metadata).toMatchObject({ stripe_collect_card_entry: "mail_phone_order" })

      const typed = await typedCard("4242 4242 4242 4242")
      since = mark()
      expect((await charge(order.id, { amount: 20, payment_method: typed.id })).status).toBe(201)
      ;[sent] = intentRequests(since)
      expect(cardOptions(sent.params).moto).toBeUndefined()
      expect(sent.params.off_session).toBeUndefined()
      expect(sent.params.metadata).toMatchObject({ stripe_collect_card_entry: "customer_not_present" })

      const kinds = (await summary(order.id)).activity
        .filter((a: { kind: string }) => a.kind === "charge")
        .map((a: { card_entry: string; card_entry_label: string }) => [a.card_entry, a.card_entry_label])
      expect(kinds).toEqual([
        ["customer_not_present", expect.stringMatching(/customer not present/)],
        ["mail_phone_order", "Mail/phone order"],
      ])
    })

    it("a typed card whose bank wants the customer: without MOTO it is refused with the link offer, with MOTO it is charged", async () => {
      const order = await createUnpaidOrder(getContainer(), { amount: 100 })
      const refused = await charge(order.id, { amount: 25, payment_method: (await typedCard("4000 0025 0000 3155")).id })
      expect(refused.status).toBe(409)
      expect(refused.data).toMatchObject({ code: "authentication_required", offer: "payment_link" })

      const moto = await charge(order.id, {
        amount: 25,
        payment_method: (await typedCard("4000 0025 0000 3155")).id,
        mail_phone_order: true,
      })
      expect(moto.status).toBe(201)
    })

    it("refuses another customer's card with a 400, and nothing is charged at Stripe", async () => {
      const { card: theirs } = await createCustomerWithCardOnFile(getContainer(), stripe, "someone.else@example.test")
      const { customer } = await createCustomerWithCardOnFile(getContainer(), stripe, "the.buyer@example.test")
      const order = await createUnpaidOrder(getContainer(), { amount: 60, email: customer.email, customer_id: customer.id })
      const guest = await createUnpaidOrder(getContainer(), { amount: 60 })
      const since = mark()

      for (const target of [order, guest]) {
        const response = await charge(target.id, { amount: 10, payment_method: theirs.id })
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/saved for another customer/)
      }
      const sent = sandbox
        .current()
        .requests()
        .filter((r) => r.seq >= since && r.method === "POST")
      expect(sent).toEqual([])
      expect((await summary(order.id)).activity).toEqual([])
    })

    it("refuses an unknown PaymentMethod and MOTO on a card on file with a 400 each", async () => {
      const { customer, card } = await createCustomerWithCardOnFile(getContainer(), stripe, "rules.phone@example.test")
      const order = await createUnpaidOrder(getContainer(), { amount: 60, email: customer.email, customer_id: customer.id })

      const unknown = await charge(order.id, { amount: 10, payment_method: "pm_doesnotexist123" })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toMatch(/no card pm_doesnotexist123/)

      const motoOnFile = await charge(order.id, { amount: 10, payment_method: card.id, mail_phone_order: true })
      expect(motoOnFile.status).toBe(400)
      expect(motoOnFile.data.message).toMatch(/^mail_phone_order: a card on file/)

      const notBoolean = await charge(order.id, { amount: 10, payment_method: card.id, mail_phone_order: "yes" })
      expect(notBoolean.status).toBe(400)
      expect(notBoolean.data.message).toMatch(/mail_phone_order/)

      expect((await summary(order.id)).order.outstanding).toBe(60)
    })

    it("records the consent when a card is saved: who, when and the sentence, on the activity and on the card at Stripe", async () => {
      const customer = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "consent@example.test", first_name: "Connie", last_name: "Sent" })
      const order = await createUnpaidOrder(getContainer(), { amount: 90, email: customer.email, customer_id: customer.id })
      const card = await typedCard("5555 5555 5555 4444")

      const response = await charge(order.id, { amount: 30, payment_method: card.id, save_card: true, mail_phone_order: true })
      expect(response.status).toBe(201)

      const state = await summary(order.id)
      const line = state.activity.find((a: { kind: string }) => a.kind === "charge")
      expect(line).toMatchObject({ consent_text: state.save_card_consent, card_entry: "mail_phone_order", actor_id: expect.any(String) })

      const service = getContainer().resolve(STRIPE_COLLECT_MODULE)
      const [row] = await service.listActivities({ id: line.id })
      expect(row.actor_id).toMatch(/^user_/)

      const saved = await stripe.paymentMethods.retrieve(card.id)
      expect(saved.metadata).toMatchObject({
        stripe_collect_consent: state.save_card_consent,
        stripe_collect_consent_by: row.actor_id,
        stripe_collect_consent_at: new Date(row.created_at).toISOString(),
      })
    })
  },
})
