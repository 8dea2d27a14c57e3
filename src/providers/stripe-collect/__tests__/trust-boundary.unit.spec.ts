import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { MAX_STOREFRONT_METADATA_KEYS } from "../metadata"
import type { GatewayCall } from "./fake-gateway"
import { providerUnderTest, SESSION_ID, startSession } from "./provider-under-test"

// What an honest storefront sends: a card to confirm with.
const HONEST = { payment_method: "pm_card_visa" }

/**
 * Every key of the plugin's (or of Stripe's PaymentIntent) a caller might put in a session's `data`,
 * with a value that would hurt if it were believed. None may reach Stripe or survive in the saved data.
 */
const PLUGIN_KEYS: Array<[string, unknown]> = [
  ["order_id", "order_someone_else"],
  ["order_display_id", 4242],
  ["payment_collection_id", "pay_col_someone_else"],
  ["payment_link_id", "plink_someone_else"],
  ["cart_id", "cart_someone_else"],
  ["stripe_collect", "hijacked"],
  ["stripe_collect_flow", "admin_charge"],
  ["stripe_collect_attempt", "attempt_someone_else"],
  ["attempt_key", "attempt_key_someone_else"],
  ["session_id", "payses_someone_else"],
  ["capture_method", "manual"],
  ["receipt_email", "attacker@example.com"],
  ["description", "Order #1 — paid in full"],
  ["idempotency_key", "stripe-collect:charge:someone_else"],
  ["deferred", true],
  ["charge_on_authorize", true],
  ["capture_through_medusa", true],
  ["adopted", true],
  ["adopt_payment_intent", "pi_someone_else"],
  ["stripe_account", "acct_someone_else"],
  ["customer", "cus_someone_else"],
  ["stripe_customer", "cus_someone_else"],
  ["off_session", true],
  ["moto", true],
  ["checkout_session_id", "cs_someone_else"],
  ["checkout_session_ids", ["cs_someone_else"]],
  ["id", "pi_someone_else"],
  ["payment_intent_id", "pi_someone_else"],
  ["status", "succeeded"],
  ["amount", 1],
  ["currency", "jpy"],
  ["amount_received", 999_999],
  ["amount_capturable", 999_999],
  ["amount_refunded", 999_999],
  ["refund_ids", ["re_someone_else"]],
  ["client_secret", "pi_someone_else_secret_x"],
  ["latest_charge", "ch_someone_else"],
  ["card", { brand: "amex", last4: "0005" }],
  ["livemode", true],
  ["setup_future_usage", "off_session"],
  ["statement_descriptor_suffix", "REFUND ME"],
  ["confirm", true],
  ["payment_method_options", { card: { moto: true } }],
]

/** The parameters of each Stripe call, as Stripe would receive them. */
function stripeRequests(calls: GatewayCall[]) {
  return calls.map((call) => ({ account: call.account, method: call.method, args: call.args }))
}

describe("trust boundary: a caller's data cannot set the plugin's keys", () => {
  async function checkout(callerData: Record<string, unknown>) {
    const { service, fake } = providerUnderTest()
    const started = await startSession(service, { callerData })
    const initiateCalls = stripeRequests(fake.calls)
    fake.calls.length = 0
    const authorized = await service.authorizePayment({ data: started.saved, context: { idempotency_key: SESSION_ID } })
    return { ...started, authorized, initiateCalls, authorizeCalls: stripeRequests(fake.calls) }
  }

  it.each(PLUGIN_KEYS)(
    "data.%s reaches neither Stripe nor the saved data, and authorize behaves as if it was never sent",
    async (key, value) => {
      const honest = await checkout(HONEST)
      const hostile = await checkout({ ...HONEST, [key]: value })

      // Stripe receives exactly what it receives without the key.
      expect(hostile.initiateCalls).toEqual(honest.initiateCalls)
      expect(hostile.authorizeCalls).toEqual(honest.authorizeCalls)
      if (typeof value === "string") expect(JSON.stringify([hostile.initiateCalls, hostile.authorizeCalls])).not.toContain(value)

      // The saved data holds the provider's value for the key (null when it is not one of the provider's).
      const ours = key in honest.saved ? honest.saved[key] : null
      expect(hostile.saved[key]).toEqual(ours)
      expect(hostile.saved).toEqual({ ...honest.saved, [key]: ours })

      // A later call gets only the saved data: it answers as for the honest caller.
      const answered = honest.authorized.data ?? {}
      expect(hostile.authorized).toEqual({ ...honest.authorized, data: { ...answered, [key]: key in answered ? answered[key] : null } })
      expect(hostile.authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    }
  )

  it("every key the provider reads later is written at initiate, from server values", async () => {
    const { service } = providerUnderTest()
    const { answer } = await startSession(service, { callerData: {} })
    expect(answer.data).toMatchObject({
      id: expect.stringMatching(/^pi_/),
      payment_intent_id: expect.stringMatching(/^pi_/),
      session_id: SESSION_ID,
      stripe_collect: "1",
      stripe_account: null,
      deferred: false,
      adopted: false,
      currency: "usd",
      amount: 6000,
      status: "requires_payment_method",
      amount_received: 0,
      amount_refunded: 0,
      refund_ids: [],
      payment_method: null,
      return_url: null,
      save_payment_method: false,
      off_session: false,
      moto: false,
      card: null,
    })
  })

  it("uses the session id Medusa passes, never the caller's, on Stripe and in the data", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { session_id: "payses_someone_else" } })
    expect(saved.session_id).toBe(SESSION_ID)
    const [params, key] = fake.calls[0].args
    expect(params).toMatchObject({ metadata: { stripe_collect: "1", session_id: SESSION_ID } })
    expect(key).toBe(`stripe-collect:initiate:${SESSION_ID}`)
  })
})

describe("trust boundary: caller metadata goes to Stripe only under storefront_ keys", () => {
  async function metadataSent(metadata: unknown): Promise<Record<string, string>> {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { ...HONEST, metadata } })
    const params = fake.calls[0].args[0] as Stripe.PaymentIntentCreateParams
    expect(saved.metadata).toEqual(params.metadata)
    return { ...(params.metadata as Record<string, string>) }
  }

  it("prefixes every entry, so none can be one of ours; ours stay as the server wrote them", async () => {
    const sent = await metadataSent({
      order_id: "order_someone_else",
      stripe_collect_flow: "admin_charge",
      stripe_collect_attempt: "attempt_someone_else",
      session_id: "payses_someone_else",
      stripe_collect: "0",
      gift_note: "Happy birthday",
      quantity: 3,
      express: true,
    })
    expect(sent).toEqual({
      storefront_order_id: "order_someone_else",
      storefront_stripe_collect_flow: "admin_charge",
      storefront_stripe_collect_attempt: "attempt_someone_else",
      storefront_session_id: "payses_someone_else",
      storefront_stripe_collect: "0",
      storefront_gift_note: "Happy birthday",
      storefront_quantity: "3",
      storefront_express: "true",
      stripe_collect: "1",
      session_id: SESSION_ID,
    })
  })

  it("drops keys that would exceed Stripe's 40 characters or carry brackets, and values that are not text", async () => {
    const sent = await metadataSent({
      ["k".repeat(29)]: "fits (40 with the prefix)",
      ["k".repeat(30)]: "too long with the prefix",
      "items[0]": "nested in Stripe's form encoding",
      nested: { order_id: "order_someone_else" },
      list: ["a"],
      nothing: null,
      empty: "",
    })
    expect(sent).toEqual({ [`storefront_${"k".repeat(29)}`]: "fits (40 with the prefix)", stripe_collect: "1", session_id: SESSION_ID })
  })

  it(`keeps at most ${MAX_STOREFRONT_METADATA_KEYS} entries and trims values to 500 characters`, async () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`note_${i}`, "x".repeat(600)]))
    const sent = await metadataSent(many)
    const storefront = Object.keys(sent).filter((key) => key.startsWith("storefront_"))
    expect(storefront).toHaveLength(MAX_STOREFRONT_METADATA_KEYS)
    expect(storefront.every((key) => sent[key].length === 500)).toBe(true)
    expect(sent).toMatchObject({ stripe_collect: "1", session_id: SESSION_ID })
  })

  it("ignores metadata that is not an object", async () => {
    expect(await metadataSent("order_id=order_someone_else")).toEqual({ stripe_collect: "1", session_id: SESSION_ID })
    expect(await metadataSent(["order_someone_else"])).toEqual({ stripe_collect: "1", session_id: SESSION_ID })
  })
})

describe("trust boundary: the four keys a storefront may pass", () => {
  it("payment_method: confirmed with at authorization", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { payment_method: "pm_card_mastercard" } })
    await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    const confirm = fake.calls.find((call) => call.method === "paymentIntents.confirm")
    expect(confirm?.args[1]).toEqual({ expand: ["payment_method"], payment_method: "pm_card_mastercard" })
    expect(confirm?.args[2]).toBe(`stripe-collect:confirm:${SESSION_ID}:pm_card_mastercard`)
  })

  it.each([
    ["an id of another kind", { payment_method: "card_123" }, /data.payment_method must be a Stripe PaymentMethod id/],
    ["an object", { payment_method: { id: "pm_1" } }, /data.payment_method must be a Stripe PaymentMethod id/],
    ["a script URL", { return_url: "javascript:alert(1)" }, /data.return_url must be an http\(s\) URL/],
    ["a URL that does not parse", { return_url: "https://" }, /data.return_url must be an http\(s\) URL/],
  ])("refuses %s with INVALID_DATA and calls no one", async (_name, callerData, message) => {
    const { service, fake } = providerUnderTest()
    const error = await startSession(service, { callerData }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error).toMatchObject({ type: MedusaError.Types.INVALID_DATA, message: expect.stringMatching(message) })
    expect(fake.calls).toEqual([])
  })

  it("return_url: used when confirming server-side (3-D Secure comes back there)", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: { ...HONEST, return_url: "https://shop.example.com/checkout/3ds" } })
    await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    const confirm = fake.calls.find((call) => call.method === "paymentIntents.confirm")
    expect(confirm?.args[1]).toMatchObject({ return_url: "https://shop.example.com/checkout/3ds" })
  })

  it("save_payment_method: honoured for the customer's own account holder only", async () => {
    const holder = {
      account_holder: {
        id: "acchld_1",
        provider_id: "pp_stripe-collect_default",
        external_id: "cus_holder",
        email: "a@example.com",
        data: { id: "cus_holder" },
        created_at: "",
        updated_at: "",
        metadata: null,
      },
    }
    const withHolder = providerUnderTest()
    const kept = await startSession(withHolder.service, { callerData: { ...HONEST, save_payment_method: true }, context: holder })
    expect(withHolder.fake.calls[0].args[0]).toMatchObject({ customer: "cus_holder", setup_future_usage: "off_session" })
    expect(kept.saved.save_payment_method).toBe(true)

    // A customer named by server code for an off-session charge is not the storefront customer's to keep a card on.
    const named = providerUnderTest()
    const refused = await startSession(named.service, {
      callerData: { ...HONEST, save_payment_method: true },
      context: { stripe_customer: "cus_named" },
    })
    expect(named.fake.calls[0].args[0]).toMatchObject({ customer: "cus_named" })
    expect(named.fake.calls[0].args[0]).not.toHaveProperty("setup_future_usage")
    expect(refused.saved.save_payment_method).toBe(false)

    const guest = providerUnderTest()
    await startSession(guest.service, { callerData: { ...HONEST, save_payment_method: true } })
    expect(guest.fake.calls[0].args[0]).not.toHaveProperty("setup_future_usage")
    expect(guest.fake.calls[0].args[0]).not.toHaveProperty("customer")
  })
})

describe("trusted context: what server code decides", () => {
  it("stripe_account: every call of the session is made on that account", async () => {
    const { service, fake } = providerUnderTest()
    const { saved } = await startSession(service, { callerData: HONEST, context: { stripe_account: "acct_connected" } })
    await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(fake.calls.map((call) => call.account)).toEqual(["acct_connected", "acct_connected"])
    expect(saved.stripe_account).toBe("acct_connected")
  })

  it("stripe_account that is not an account id is refused", async () => {
    const { service, fake } = providerUnderTest()
    await expect(startSession(service, { context: { stripe_account: "someone" } })).rejects.toThrow(/acct_/)
    expect(fake.calls).toEqual([])
  })

  it("capture_method: manual for this session, whatever the option", async () => {
    const { service, fake } = providerUnderTest({ capture: true })
    const { saved } = await startSession(service, { callerData: HONEST, context: { capture_method: "manual" } })
    expect(fake.calls[0].args[0]).toMatchObject({ capture_method: "manual" })
    const authorized = await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
    expect(authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("off_session and moto are sent when confirming, moto only with the option", async () => {
    for (const [moto, expected] of [
      [true, { off_session: true, payment_method_options: { card: { moto: true } } }],
      [false, { off_session: true }],
    ] as const) {
      const { service, fake } = providerUnderTest({ moto })
      const { saved } = await startSession(service, {
        callerData: HONEST,
        context: { off_session: true, moto: true, stripe_customer: "cus_1" },
      })
      expect(fake.calls[0].args[0]).not.toHaveProperty("off_session")
      await service.authorizePayment({ data: saved, context: { idempotency_key: SESSION_ID } })
      const confirm = fake.calls.find((call) => call.method === "paymentIntents.confirm")
      expect(confirm?.args[1]).toEqual({ expand: ["payment_method"], payment_method: "pm_card_visa", ...expected })
    }
  })
})
