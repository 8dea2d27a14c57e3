import { asValue } from "@medusajs/framework/awilix"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { chargeOrderCard } from "../../src/charges/charge-order-card"
import { reconcileWithStripe } from "../../src/ledger/reconcile-with-stripe"
import { recordCheckoutSessionFromStripe, recordPaymentIntentFromStripe } from "../../src/ledger/record-from-stripe"
import { STRIPE_COLLECT_MODULE } from "../../src/modules/stripe-collect"
import type StripeCollectModuleService from "../../src/modules/stripe-collect/service"
import { loadOrderPaymentState } from "../../src/orders/order-payment-state"
import { openLinkCheckout } from "../../src/payment-links/open-link-checkout"
import { STRIPE_GATEWAY_REGISTRATION } from "../../src/stripe/configured-gateway"
import { createPaymentLink } from "../../src/payment-links/send-payment-link"
import { FakeStripeGateway } from "../helpers/fake-stripe-gateway"
import { createUnpaidOrder } from "../helpers/orders"
import { useSandbox } from "../helpers/sandbox"

/**
 * The ledger's workflows driven directly, with a fake Stripe gateway registered in Medusa's container
 * (the gateway is the process edge): every Stripe call is counted, and Stripe's faults are injected
 * exactly where they hurt. The same behaviour over HTTP against the sandbox is in charge-card,
 * payment-links and reliability-lost-answers.
 */

jest.setTimeout(300_000)

// The app still boots with the sandbox's settings; no call reaches it once the fake is registered.
useSandbox()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let stripe: FakeStripeGateway
    let container: MedusaContainer

    const ledger = () => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const attemptsOf = (orderId: string) => ledger().listPaymentAttempts({ order_id: orderId }, { order: { created_at: "ASC" } })
    const paid = async (orderId: string) => {
      const state = await loadOrderPaymentState(container, orderId)
      return { paid_total: state.paid_total, outstanding: state.outstanding, payment_status: state.payment_status }
    }

    beforeEach(() => {
      container = getContainer()
      stripe = new FakeStripeGateway()
      container.register(STRIPE_GATEWAY_REGISTRATION, asValue(stripe))
    })

    it("a charge is one Stripe call, recorded once through the ledger", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      const { charge } = await chargeOrderCard(container, { order_id: order.id, amount: 30, payment_method: "pm_card_visa" })

      expect(charge).toMatchObject({ status: "succeeded", amount: 30, card_brand: "visa", card_last4: "4242" })
      expect(stripe.calls().map((c) => c.method)).toEqual(["paymentIntents.createAndConfirm"])
      const [call] = stripe.calls()
      const [attempt] = await attemptsOf(order.id)
      // Stripe's idempotency key is the attempt written before the call, and the PaymentIntent names it.
      expect(call.idempotencyKey).toBe(attempt.attempt_key)
      expect(stripe.storedPaymentIntent(charge.payment_intent_id!)?.metadata).toMatchObject({
        stripe_collect_attempt: attempt.attempt_key,
        order_id: order.id,
      })
      expect(attempt).toMatchObject({ status: "recorded", payment_intent_id: charge.payment_intent_id, flow: "admin_charge" })
      expect(attempt.payment_id).toBeTruthy()
      expect(await paid(order.id)).toEqual({ paid_total: 30, outstanding: 70, payment_status: "partially_captured" })
    })

    it("a lost answer is found by the attempt key at once: recorded once, still one PaymentIntent", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      stripe.failNext("paymentIntents.createAndConfirm", "timeout_after_processing")

      const { charge } = await chargeOrderCard(container, { order_id: order.id, amount: 100, payment_method: "pm_card_visa" })
      expect(charge.status).toBe("succeeded")
      expect(stripe.count("paymentIntents.searchByMetadata")).toBe(1)
      expect(stripe.storedPaymentIntents()).toHaveLength(1)
      expect(await paid(order.id)).toEqual({ paid_total: 100, outstanding: 0, payment_status: "captured" })
    })

    it("a lost answer Stripe cannot be asked about stays lost; reconciliation records it later, once", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      stripe.failNext("paymentIntents.createAndConfirm", "timeout_after_processing")
      stripe.failNext("paymentIntents.searchByMetadata", "server_error")

      await expect(
        chargeOrderCard(container, { order_id: order.id, amount: 40, payment_method: "pm_card_visa", request_key: "k-lost" })
      ).rejects.toMatchObject({ stripe: { kind: "undecided" } })
      expect((await attemptsOf(order.id)).map((a) => a.status)).toEqual(["lost"])
      expect(await paid(order.id)).toMatchObject({ paid_total: 0 })

      stripe.clearCalls()
      const first = await reconcileWithStripe(container)
      expect(first).toMatchObject({ checked: 1, recorded: 1, failed: 0 })
      // Asked about its own attempt only: found by the key, then read once to show the card.
      expect(stripe.calls().map((c) => c.method)).toEqual(["paymentIntents.searchByMetadata", "paymentIntents.retrieve"])
      expect(await reconcileWithStripe(container)).toMatchObject({ checked: 0, recorded: 0 })
      expect(await paid(order.id)).toMatchObject({ paid_total: 40, outstanding: 60 })

      // The admin's retry with the same key answers the recorded charge without calling Stripe.
      stripe.clearCalls()
      const retry = await chargeOrderCard(container, {
        order_id: order.id,
        amount: 40,
        payment_method: "pm_card_visa",
        request_key: "k-lost",
      })
      expect(retry).toMatchObject({ replayed: true, charge: { status: "succeeded", amount: 40 } })
      expect(stripe.calls()).toEqual([])
    })

    it("Stripe took the money and Medusa failed to record it: the writes roll back, nothing is refunded, recovery records it once", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      // The database refuses Medusa's capture twice (an outage), for this charge and its immediate second try.
      const payments = container.resolve(Modules.PAYMENT)
      const capture = payments.capturePayment.bind(payments)
      let outages = 2
      const spy = jest.spyOn(payments, "capturePayment").mockImplementation(async (...args: Parameters<typeof capture>) => {
        if (outages-- > 0) throw new Error("connection to the database was lost")
        return capture(...args)
      })
      try {
        await expect(
          chargeOrderCard(container, { order_id: order.id, amount: 60, payment_method: "pm_card_visa", request_key: "k-outage" })
        ).rejects.toMatchObject({ stripe: { kind: "undecided" }, message: expect.stringMatching(/Stripe took the payment/) })
      } finally {
        spy.mockRestore()
      }
      const [attempt] = await attemptsOf(order.id)
      expect(attempt).toMatchObject({ status: "succeeded", payment_id: null })
      expect(attempt.payment_intent_id).toBeTruthy()
      // Rolled back in Medusa, kept at Stripe: no payment recorded, the money neither refunded nor taken twice.
      expect(await paid(order.id)).toMatchObject({ paid_total: 0, outstanding: 100 })
      expect(stripe.count("refunds.create")).toBe(0)
      expect(stripe.storedPaymentIntents()).toHaveLength(1)

      expect(await reconcileWithStripe(container)).toMatchObject({ checked: 1, recorded: 1 })
      expect(await paid(order.id)).toEqual({ paid_total: 60, outstanding: 40, payment_status: "partially_captured" })
      const retry = await chargeOrderCard(container, {
        order_id: order.id,
        amount: 60,
        payment_method: "pm_card_visa",
        request_key: "k-outage",
      })
      expect(retry).toMatchObject({ replayed: true, charge: { payment_intent_id: attempt.payment_intent_id } })
      expect(stripe.count("paymentIntents.createAndConfirm")).toBe(1)
    })

    it("a decline is settled as declined, records nothing, and is replayed for the same key without Stripe", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      const decline = { order_id: order.id, amount: 50, payment_method: "pm_card_chargeDeclined", request_key: "k-decline" }
      await expect(chargeOrderCard(container, decline)).rejects.toMatchObject({ stripe: { kind: "card_declined" } })
      expect((await attemptsOf(order.id)).map((a) => [a.status, a.failure_code])).toEqual([["declined", "card_declined"]])

      stripe.clearCalls()
      await expect(chargeOrderCard(container, decline)).rejects.toMatchObject({ stripe: { kind: "card_declined" } })
      expect(stripe.calls()).toEqual([])
      expect(await paid(order.id)).toMatchObject({ paid_total: 0, outstanding: 100 })
    })

    it("a PaymentIntent that claims an attempt but not its amount is never recorded", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      stripe.failNext("paymentIntents.createAndConfirm", "timeout")
      stripe.failNext("paymentIntents.searchByMetadata", "server_error")
      await expect(chargeOrderCard(container, { order_id: order.id, amount: 20, payment_method: "pm_card_visa" })).rejects.toMatchObject({
        stripe: { kind: "undecided" },
      })
      const [attempt] = await attemptsOf(order.id)

      // Someone with the API key makes a bigger PaymentIntent carrying the attempt's key.
      const forged = await stripe.onAccount(undefined).paymentIntents.createAndConfirm(
        {
          amount: 9000,
          currency: "usd",
          payment_method: "pm_card_visa",
          metadata: { stripe_collect: "1", stripe_collect_attempt: attempt.attempt_key, order_id: order.id },
        },
        "forged-key"
      )
      const result = await recordPaymentIntentFromStripe(container, {
        payment_intent_id: forged.id,
        attempt_key: attempt.attempt_key,
        account: undefined,
        source: "webhook",
      })
      expect(result).toBe("mismatch")
      expect(await paid(order.id)).toMatchObject({ paid_total: 0, outstanding: 100 })
      expect((await ledger().retrievePaymentAttempt(attempt.id)).status).toBe("lost")
    })

    it("a link's Checkout is written before Stripe opens it; its payment is recorded once, and never from another session", async () => {
      const order = await createUnpaidOrder(container, { amount: 100 })
      const { payment_link: link } = await createPaymentLink(container, {
        order_id: order.id,
        amount: 60,
        public_url: "http://shop.test",
      })
      expect(stripe.calls()).toEqual([])

      const pressed = await openLinkCheckout(container, {
        link: await ledger().retrievePaymentLink(link.id),
        public_url: "http://shop.test",
      })
      expect(pressed).toMatchObject({ status: "redirect", amount: 60 })
      const [attempt] = await attemptsOf(order.id)
      expect(attempt).toMatchObject({ flow: "payment_link", status: "open", payment_link_id: link.id })
      expect(stripe.calls("checkoutSessions.open")[0].idempotencyKey).toBe(attempt.attempt_key)

      const session = stripe.payCheckoutSession(attempt.checkout_session_id!)
      const first = await recordCheckoutSessionFromStripe(container, {
        checkout_session_id: session.id,
        account: undefined,
        source: "webhook",
      })
      const again = await recordCheckoutSessionFromStripe(container, {
        checkout_session_id: session.id,
        account: undefined,
        source: "return",
      })
      expect([first, again]).toEqual(["recorded", "already_recorded"])
      expect(await paid(order.id)).toEqual({ paid_total: 60, outstanding: 40, payment_status: "partially_captured" })
      expect((await ledger().retrievePaymentLink(link.id)).status).toBe("paid")

      // A session the plugin never opened claims nothing, whatever its metadata says.
      expect(
        await recordCheckoutSessionFromStripe(container, { checkout_session_id: "cs_test_unknown", account: undefined, source: "webhook" })
      ).toBe("not_ours")
    })
  },
})
