import Stripe from "stripe"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"

jest.setTimeout(300_000)

const sandbox = useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    const saveMethods = (body: Record<string, unknown>) =>
      api.post("/admin/stripe-collect/settings/payment-methods", body, { headers }).catch((e: any) => e.response)

    const sendLink = async (email: string) => {
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email })
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, {}, { headers })
      return { order, url: created.data.payment_link.url as string }
    }

    /** The Checkout Session request the plugin sent Stripe for the next Pay press. */
    const checkoutRequestOfPress = async (payUrl: string) => {
      const mark = sandbox.current().markRequests()
      const checkoutUrl = await pressPay(payUrl)
      const [request] = sandbox
        .current()
        .requests()
        .filter((r) => r.seq >= mark && r.method === "POST" && r.path === "/v1/checkout/sessions")
      expect(request).toBeDefined()
      return { params: request.params, checkoutUrl }
    }

    /** The emails the sandbox's inbox received for one address. */
    const emailTo = (address: string) => {
      const inbox = sandbox.current().emails()
      return inbox.filter((e) => e.to.includes(address))
    }

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/stripe-collect_default`)
    })

    it("offers cards only by default: the Checkout request allows card alone, and the email, pay page and popup say 'by card'", async () => {
      const settings = await api.get("/admin/stripe-collect/settings", { headers })
      expect(settings.data.settings.payment_links).toEqual({
        link_payment_methods: "cards",
        payment_method_configuration: null,
        description: "by card",
      })
      // Bank payments settle through these: the settings page lists them among the events to select in Stripe.
      expect(settings.data.settings.webhook.events).toEqual(
        expect.arrayContaining(["checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed"])
      )

      const { order, url } = await sendLink("cards-only@example.test")
      const [email] = emailTo("cards-only@example.test")
      expect(email.text).toContain("securely by card, with the button below")
      expect(email.text).not.toMatch(/bank payment/)
      expect(await (await fetch(url)).text()).toContain("Pay $80.00 by card")
      const card = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      expect(card.data.link_payment_methods).toEqual({ methods: "cards", description: "by card" })

      const { params, checkoutUrl } = await checkoutRequestOfPress(url)
      expect(params.allowed_payment_method_types).toEqual({ "0": "card" })
      expect(params).not.toHaveProperty("payment_method_configuration")
      // Stripe (here the sandbox) answers with a card-only session.
      const stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
      const session = await stripe.checkout.sessions.retrieve(checkoutUrl.split("/").pop()!)
      expect(session.allowed_payment_method_types).toEqual(["card"])
    })

    it("offers every method of the Stripe account when chosen, with the merchant's payment method configuration, and says so honestly", async () => {
      const saved = await saveMethods({ link_payment_methods: "all", payment_method_configuration: " pmc_1LinksOnly " })
      expect(saved.status).toBe(200)
      expect(saved.data.settings.payment_links).toEqual({
        link_payment_methods: "all",
        payment_method_configuration: "pmc_1LinksOnly",
        description: "by card, wallet or bank payment, as available where you are",
      })

      const { order, url } = await sendLink("all-methods@example.test")
      const [email] = emailTo("all-methods@example.test")
      expect(email.text).toContain("securely by card, wallet or bank payment, as available where you are, with the button below")
      const page = await (await fetch(url)).text()
      expect(page).toMatch(/data-testid="pay-button">Pay \$80\.00</)
      expect(page).toContain("Pay by card, wallet or bank payment, as available where you are.")
      const card = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      expect(card.data.link_payment_methods.methods).toBe("all")

      const { params } = await checkoutRequestOfPress(url)
      expect(params).not.toHaveProperty("allowed_payment_method_types")
      expect(params.payment_method_configuration).toBe("pmc_1LinksOnly")

      // Without a configuration Checkout uses the account's default one: neither parameter is sent.
      expect((await saveMethods({ link_payment_methods: "all", payment_method_configuration: "" })).status).toBe(200)
      const next = await sendLink("all-default@example.test")
      const defaults = await checkoutRequestOfPress(next.url)
      expect(defaults.params).not.toHaveProperty("allowed_payment_method_types")
      expect(defaults.params).not.toHaveProperty("payment_method_configuration")

      // Back to cards only: the configuration is forgotten and the next press is card-only again.
      expect((await saveMethods({ link_payment_methods: "cards" })).data.settings.payment_links.payment_method_configuration).toBeNull()
      expect((await checkoutRequestOfPress(next.url)).params.allowed_payment_method_types).toEqual({ "0": "card" })
    })

    it("refuses bad settings with a 400 naming the field, and changes nothing", async () => {
      expect((await saveMethods({ link_payment_methods: "all", payment_method_configuration: "pmc_1Kept" })).status).toBe(200)
      const bad: [Record<string, unknown>, RegExp][] = [
        [{}, /link_payment_methods/],
        [{ link_payment_methods: "sepa" }, /'cards, all' for field 'link_payment_methods'/],
        [{ link_payment_methods: "all", payment_method_configuration: "acct_123" }, /payment_method_configuration must be a Stripe/],
        [{ link_payment_methods: "all", payment_method_configuration: 5 }, /payment_method_configuration/],
        [{ link_payment_methods: "cards", payment_method_configuration: "pmc_1Other" }, /applies only with link_payment_methods "all"/],
        [{ link_payment_methods: "all", allowed_payment_method_types: ["sepa_debit"] }, /allowed_payment_method_types/],
      ]
      for (const [body, message] of bad) {
        const answer = await saveMethods(body)
        expect({ body, status: answer.status, message: answer.data.message }).toEqual({
          body,
          status: 400,
          message: expect.stringMatching(message),
        })
      }
      const settings = await api.get("/admin/stripe-collect/settings", { headers })
      expect(settings.data.settings.payment_links).toMatchObject({ link_payment_methods: "all", payment_method_configuration: "pmc_1Kept" })
    })

    it("keeps the card a customer paid a link with only when they tick Checkout's own box; it is then a card on file", async () => {
      const customer = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "saver@example.test", first_name: "Sam", last_name: "Saver" })
      const order = await createUnpaidOrder(getContainer(), { amount: 80, email: customer.email, customer_id: customer.id })
      const created = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 30 }, { headers })
      const url: string = created.data.payment_link.url

      // The Checkout names the customer's Stripe customer and offers saving; setup_future_usage is never set.
      const { params, checkoutUrl } = await checkoutRequestOfPress(url)
      expect(params.customer).toEqual(expect.stringMatching(/^cus_/))
      expect(params).not.toHaveProperty("customer_email")
      expect(params.saved_payment_method_options).toEqual({ payment_method_save: "enabled" })
      expect(params.payment_intent_data).not.toHaveProperty("setup_future_usage")
      expect((await payOnSandboxCheckout(checkoutUrl, "4242424242424242")).html).toContain("Thank you")
      expect((await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })).data.cards_on_file).toEqual([])

      // A second link, and this time the customer ticks the box.
      const second = await api.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount: 30 }, { headers })
      const saving = await checkoutRequestOfPress(second.data.payment_link.url)
      expect(saving.params.customer).toBe(params.customer)
      expect((await payOnSandboxCheckout(saving.checkoutUrl, "5555555555554444", { save: true })).html).toContain("Thank you")
      const after = await api.get(`/admin/stripe-collect/orders/${order.id}`, { headers })
      expect(after.data.cards_on_file).toEqual([expect.objectContaining({ brand: "mastercard", last4: "4444" })])
    })
  },
})
