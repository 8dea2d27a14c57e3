// Contract: Checkout's payment methods besides a typed card — which ones a session offers, Apple Pay, Klarna's
// redirect, and bank debits (SEPA, ACH) that complete the session unpaid and settle later, as Stripe documents.
import type Stripe from "stripe"
import { failure, itSandboxOnly, useContractTarget } from "./helpers/contract"
import { getPage, postForm } from "./helpers/http"

const target = useContractTarget()

function sessionParams(currency: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [{ price_data: { currency, unit_amount: 4200, product_data: { name: "Invoice #2001" } }, quantity: 1 }],
    customer_email: "payer@example.com",
    success_url: "https://shop.example/pay/tok_2/return?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/pay/tok_2",
    payment_intent_data: { metadata: { order_id: "order_2" } },
    ...extra,
  }
}

async function eventTypesAbout(stripe: Stripe, ids: string[]): Promise<string[]> {
  const events = await stripe.events.list({ limit: 50 })
  const about = (e: Stripe.Event) => {
    const object = e.data.object as { id?: string; payment_intent?: unknown }
    return ids.includes(String(object.id)) || ids.includes(String(object.payment_intent))
  }
  return events.data
    .filter(about)
    .map((e) => e.type)
    .reverse()
}

async function expandedIntent(stripe: Stripe, sessionId: string) {
  const session = await stripe.checkout.sessions.retrieve(sessionId, {
    expand: ["payment_intent.latest_charge", "payment_intent.payment_method"],
  })
  const intent = session.payment_intent
  if (!intent || typeof intent === "string") throw new Error("payment_intent was not expanded")
  const charge = intent.latest_charge
  if (!charge || typeof charge === "string") throw new Error("latest_charge was not expanded")
  return { session, intent, charge }
}

describe("which payment methods a Checkout Session offers", () => {
  it("offers only the allowed types, and the account's methods for the currency without them", async () => {
    const { stripe } = target()
    const cardsOnly = await stripe.checkout.sessions.create(sessionParams("eur", { allowed_payment_method_types: ["card"] }))
    expect(cardsOnly.payment_method_types).toEqual(["card"])
    expect(cardsOnly.allowed_payment_method_types).toEqual(["card"])
    const sepa = await stripe.checkout.sessions.create(sessionParams("eur", { allowed_payment_method_types: ["card", "sepa_debit"] }))
    expect(sepa.payment_method_types).toEqual(["card", "sepa_debit"])
    const wrongCurrency = await failure(() =>
      stripe.checkout.sessions.create(sessionParams("usd", { allowed_payment_method_types: ["sepa_debit"] }))
    )
    expect(wrongCurrency.statusCode).toBe(400)
    expect(wrongCurrency.param).toBe("allowed_payment_method_types")
  })

  itSandboxOnly("offers the sandbox account's methods that take the currency, under its default or a named configuration", async () => {
    const { stripe } = target()
    const eur = await stripe.checkout.sessions.create(sessionParams("eur"))
    expect(eur.payment_method_types).toEqual(["card", "klarna", "sepa_debit"])
    expect(eur.payment_method_configuration_details?.id).toBe("pmc_1SandboxDefault")
    const usd = await stripe.checkout.sessions.create(sessionParams("usd", { payment_method_configuration: "pmc_1Links" }))
    expect(usd.payment_method_types).toEqual(["card", "klarna", "us_bank_account"])
    expect(usd.payment_method_configuration_details?.id).toBe("pmc_1Links")
    const both = await failure(() =>
      stripe.checkout.sessions.create(
        sessionParams("usd", { payment_method_configuration: "pmc_1Links", allowed_payment_method_types: ["card"] })
      )
    )
    expect(both.statusCode).toBe(400)

    const page = await getPage(String(eur.url))
    expect(page.body).toContain('data-testid="checkout-form"')
    expect(page.body).toContain('data-testid="sepa-form"')
    expect(page.body).toContain('data-testid="klarna-form"')
    expect(page.body).not.toContain('data-testid="ach-form"')
    const cardsPage = await getPage(
      String((await stripe.checkout.sessions.create(sessionParams("eur", { allowed_payment_method_types: ["card"] }))).url)
    )
    expect(cardsPage.body).not.toContain('data-testid="sepa-form"')
    // Wallets are cards: Apple Pay shows under cards only too.
    expect(cardsPage.body).toContain('data-testid="apple-pay-form"')
  })
})

describe("bank debits on the hosted page (sandbox)", () => {
  itSandboxOnly("SEPA Direct Debit: the session completes unpaid, the PaymentIntent is processing, then the bank pays it", async () => {
    const { stripe, sandbox } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("eur"))
    const paid = await postForm(String(session.url), {
      method: "sepa_debit",
      iban: "DE89 3704 0044 0532 0130 00",
      account_holder_name: "Jenny Rosen",
    })
    expect(paid.status).toBe(303)
    expect(paid.location).toBe(`https://shop.example/pay/tok_2/return?session_id=${session.id}`)

    const processing = await expandedIntent(stripe, session.id)
    expect(processing.session).toMatchObject({ status: "complete", payment_status: "unpaid" })
    expect(processing.intent).toMatchObject({ status: "processing", amount_received: 0 })
    expect(processing.intent.payment_method).toMatchObject({
      type: "sepa_debit",
      sepa_debit: { country: "DE", last4: "3000", bank_code: "37040044" },
      billing_details: { name: "Jenny Rosen", email: "payer@example.com" },
    })
    expect(processing.charge).toMatchObject({
      status: "pending",
      paid: false,
      payment_method_details: {
        type: "sepa_debit",
        sepa_debit: { last4: "3000", country: "DE", mandate: expect.stringMatching(/^mandate_/) },
      },
    })

    const settled = sandbox().settlePayment(processing.intent.id)
    expect(settled.status).toBe("succeeded")
    const done = await expandedIntent(stripe, session.id)
    expect(done.session.payment_status).toBe("paid")
    expect(done.intent).toMatchObject({ status: "succeeded", amount_received: 4200 })
    expect(done.charge).toMatchObject({ status: "succeeded", paid: true })
    expect(done.charge.balance_transaction).toEqual(expect.stringMatching(/^txn_/))

    expect(await eventTypesAbout(stripe, [session.id, processing.intent.id])).toEqual(
      expect.arrayContaining([
        "charge.pending",
        "payment_intent.processing",
        "checkout.session.completed",
        "charge.succeeded",
        "payment_intent.succeeded",
        "checkout.session.async_payment_succeeded",
      ])
    )
    // Settling again is refused: the debit is no longer processing.
    expect(() => sandbox().settlePayment(processing.intent.id)).toThrow(/processing/)
  })

  itSandboxOnly("SEPA Direct Debit of a failing test IBAN: the charge fails, the PaymentIntent asks for another method", async () => {
    const { stripe, sandbox } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("eur"))
    await postForm(String(session.url), { method: "sepa_debit", iban: "DE62370400440532013001", account_holder_name: "Jenny Rosen" })
    const { intent } = await expandedIntent(stripe, session.id)
    expect(intent.status).toBe("processing")

    expect(sandbox().settlePayment(intent.id).status).toBe("requires_payment_method")
    const failed = await expandedIntent(stripe, session.id)
    expect(failed.session).toMatchObject({ status: "complete", payment_status: "unpaid" })
    expect(failed.intent.last_payment_error).toMatchObject({ code: "insufficient_funds", type: "invalid_request_error" })
    expect(failed.charge).toMatchObject({ status: "failed", paid: false, failure_code: "insufficient_funds" })
    const types = await eventTypesAbout(stripe, [session.id, intent.id])
    expect(types).toEqual(
      expect.arrayContaining(["charge.failed", "payment_intent.payment_failed", "checkout.session.async_payment_failed"])
    )
    expect(types).not.toContain("checkout.session.async_payment_succeeded")
  })

  itSandboxOnly("ACH: a US bank account debit, settled through the control API with an outcome that overrides the account's", async () => {
    const { stripe, sandbox } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("usd"))
    const bad = await postForm(String(session.url), {
      method: "us_bank_account",
      routing_number: "110000000",
      account_number: "123",
      account_holder_name: "Jenny Rosen",
    })
    expect(bad.status).toBe(402)
    expect(bad.body).toContain("routing or account number is invalid")
    await postForm(String(session.url), {
      method: "us_bank_account",
      routing_number: "110000000",
      account_number: "000123456789",
      account_holder_name: "Jenny Rosen",
    })
    const { intent, charge } = await expandedIntent(stripe, session.id)
    expect(charge.payment_method_details).toMatchObject({
      type: "us_bank_account",
      us_bank_account: { bank_name: "STRIPE TEST BANK", last4: "6789", routing_number: "110000000", account_type: "checking" },
    })
    const control = await fetch(`${sandbox().url}/_sandbox/payment_intents/${intent.id}/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "failed" }),
    })
    expect(control.status).toBe(200)
    expect(await control.json()).toMatchObject({ id: intent.id, status: "requires_payment_method" })
    const wrong = await fetch(`${sandbox().url}/_sandbox/payment_intents/${intent.id}/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "maybe" }),
    })
    expect(wrong.status).toBe(400)
  })
})

describe("wallets and redirects on the hosted page (sandbox)", () => {
  itSandboxOnly("Apple Pay pays at once with the wallet's card, shown on the charge", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("usd", { allowed_payment_method_types: ["card"] }))
    const paid = await postForm(String(session.url), { method: "apple_pay" })
    expect(paid.status).toBe(303)
    const { session: done, intent, charge } = await expandedIntent(stripe, session.id)
    expect(done.payment_status).toBe("paid")
    expect(intent.status).toBe("succeeded")
    expect(charge.payment_method_details).toMatchObject({
      type: "card",
      card: { brand: "visa", last4: "4242", wallet: { type: "apple_pay", dynamic_last4: "4242" } },
    })
  })

  itSandboxOnly("Klarna sends the customer to Klarna's page; approving pays, failing keeps the session open", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("eur"))
    const redirect = await postForm(String(session.url), { method: "klarna" })
    expect(redirect.status).toBe(200)
    expect(redirect.body).toContain('data-testid="klarna-step"')

    const failed = await postForm(`${String(session.url)}/klarna`, { action: "fail" })
    expect(failed.status).toBe(402)
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open")

    const approved = await postForm(`${String(session.url)}/klarna`, { action: "approve" })
    expect(approved.status).toBe(303)
    const { session: done, intent, charge } = await expandedIntent(stripe, session.id)
    expect(done).toMatchObject({ status: "complete", payment_status: "paid" })
    expect(intent.status).toBe("succeeded")
    expect(charge.payment_method_details).toMatchObject({ type: "klarna", klarna: { payment_method_category: "pay_later" } })
  })

  itSandboxOnly("refuses a method the session does not offer", async () => {
    const { stripe } = target()
    const session = await stripe.checkout.sessions.create(sessionParams("eur", { allowed_payment_method_types: ["card"] }))
    const refused = await postForm(String(session.url), {
      method: "sepa_debit",
      iban: "DE89370400440532013000",
      account_holder_name: "J R",
    })
    expect(refused.status).toBe(402)
    expect(refused.body).toContain("SEPA Direct Debit is not available")
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open")
  })
})

describe("saving the card on Checkout (customer's opt-in)", () => {
  it("needs a customer to offer saving", async () => {
    const { stripe } = target()
    const refused = await failure(() =>
      stripe.checkout.sessions.create(sessionParams("usd", { saved_payment_method_options: { payment_method_save: "enabled" } }))
    )
    expect(refused.statusCode).toBe(400)
    expect(refused.param).toBe("saved_payment_method_options[payment_method_save]")
  })

  itSandboxOnly("saves the card on the customer only when the customer ticks the box", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "saver@example.com" })
    const open = () =>
      stripe.checkout.sessions.create(
        sessionParams("usd", {
          customer_email: undefined,
          customer: customer.id,
          saved_payment_method_options: { payment_method_save: "enabled" },
        })
      )
    const first = await open()
    expect(first.saved_payment_method_options).toMatchObject({ payment_method_save: "enabled" })
    const page = await getPage(String(first.url))
    expect(page.body).toContain('name="save_payment_method"')
    const card = { card_number: "4242424242424242", card_expiry: "12 / 34", card_cvc: "123", billing_name: "Saver" }
    expect((await postForm(String(first.url), card)).status).toBe(303)
    expect((await stripe.customers.listPaymentMethods(customer.id, { type: "card" })).data).toHaveLength(0)

    const second = await open()
    expect((await postForm(String(second.url), { ...card, save_payment_method: "1" })).status).toBe(303)
    const saved = await stripe.customers.listPaymentMethods(customer.id, { type: "card" })
    expect(saved.data).toEqual([expect.objectContaining({ allow_redisplay: "always", card: expect.objectContaining({ last4: "4242" }) })])
  })
})

describe("bank debits of a session with a customer (sandbox)", () => {
  itSandboxOnly("take the payer's email from the customer", async () => {
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "debtor@example.com" })
    const session = await stripe.checkout.sessions.create(sessionParams("eur", { customer_email: undefined, customer: customer.id }))
    const paid = await postForm(String(session.url), {
      method: "sepa_debit",
      iban: "DE89370400440532013000",
      account_holder_name: "Debtor",
    })
    expect(paid.status).toBe(303)
    const { intent } = await expandedIntent(stripe, session.id)
    expect(intent.payment_method).toMatchObject({ billing_details: { email: "debtor@example.com" } })
  })
})
