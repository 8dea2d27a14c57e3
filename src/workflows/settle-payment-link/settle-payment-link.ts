import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import { fromMinorUnitsToNumber } from "../../stripe/money"
import { cardOfPayment, orderLockKey } from "../charge-order-card/charge-details"
import { keepOrderBalance } from "../../orders/keep-order-balance"
import { COLLECTION_ROLE_KEY, loadOrderBalance } from "../../orders/order-balance"
import { reportIntegrationError } from "../report-integration-error"

export type SettlementOutcome =
  | { status: "paid"; amount: number; currency_code: string; already: boolean }
  | { status: "unpaid" }

const intentId = (session: Stripe.Checkout.Session) =>
  typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id ?? null

/** Whether a link payment with this PaymentIntent is in the order's activity already. */
async function isRecorded(service: StripeCollectModuleService, paymentIntentId: string | null) {
  if (!paymentIntentId) return false
  const [row] = await service.listActivities({ kind: "payment_link", status: "paid", stripe_object_id: paymentIntentId }, { take: 1 })
  return Boolean(row)
}

/**
 * Records a paid Checkout Session of a payment link in Medusa exactly once, whichever arrives first:
 * the customer's return or Stripe's webhook. Under the order's lock: authorize the link's payment
 * session (the provider reads the PaymentIntent) and capture it through Medusa's capture workflow.
 */
export async function settlePaymentLink(
  container: MedusaContainer,
  { link_id, checkout_session, source }: { link_id: string; checkout_session: Stripe.Checkout.Session; source: "return" | "webhook" | "reconciliation" }
): Promise<SettlementOutcome> {
  if (checkout_session.payment_status !== "paid" || checkout_session.amount_total == null) {
    return { status: "unpaid" }
  }
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const first = await service.retrievePaymentLink(link_id)
  const currency = checkout_session.currency ?? first.currency_code
  const amount = fromMinorUnitsToNumber(checkout_session.amount_total, currency)

  return locking.execute(
    orderLockKey(first.order_id),
    async () => {
      const link = await service.retrievePaymentLink(link_id)
      const paidTwice = link.status === "paid" && link.checkout_session_id !== checkout_session.id
      if (link.status === "paid" && (!paidTwice || (await isRecorded(service, intentId(checkout_session))))) {
        return { status: "paid", amount: Number(link.amount), currency_code: link.currency_code, already: true }
      }
      const paymentModule = container.resolve(Modules.PAYMENT)
      const order = await loadOrderBalance(container, link.order_id)
      // Paid after the balance was settled another way: recorded all the same, and the merchant told.
      const unexpected = MathBN.gt(amount, order.outstanding)
      const collection = link.payment_collection_id
        ? await paymentModule.retrievePaymentCollection(link.payment_collection_id, {
            relations: ["payment_sessions", "payments"],
          })
        : null
      const session = collection?.payment_sessions?.find((s) => s.provider_id.startsWith("pp_stripe-collect"))
      const collectionTakesMoney =
        collection && session && !["canceled", "completed"].includes(collection.status) && !(collection.payments?.length)

      let collectionId: string
      let sessionId: string
      if (collectionTakesMoney) {
        collectionId = collection.id
        sessionId = session.id
      } else {
        // The link's collection was paid or canceled meanwhile: the money gets a collection of its own.
        const [late] = await paymentModule.createPaymentCollections([
          {
            currency_code: link.currency_code,
            amount,
            metadata: { [COLLECTION_ROLE_KEY]: "payment_link", payment_link_id: link.id, late_payment: true },
          },
        ])
        await container.resolve(ContainerRegistrationKeys.LINK).create({
          [Modules.ORDER]: { order_id: link.order_id },
          [Modules.PAYMENT]: { payment_collection_id: late.id },
        })
        const created = await paymentModule.createPaymentSession(late.id, {
          provider_id: session?.provider_id ?? "pp_stripe-collect_default",
          currency_code: link.currency_code,
          amount,
          data: { ...(session?.data ?? {}), deferred: true, payment_link_id: link.id },
        })
        collectionId = late.id
        sessionId = created.id
      }

      if (!MathBN.eq(amount, collectionTakesMoney ? collection.amount : amount)) {
        await paymentModule.updatePaymentCollections(collectionId, { amount })
      }
      const current = await paymentModule.retrievePaymentSession(sessionId)
      await paymentModule.updatePaymentSession({
        id: sessionId,
        amount,
        currency_code: link.currency_code,
        data: {
          ...current.data,
          checkout_session_id: checkout_session.id,
          payment_intent_id: intentId(checkout_session),
          capture_through_medusa: true,
        },
      })
      const payment = await paymentModule.authorizePaymentSession(sessionId, {})
      if (!payment) {
        throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Stripe has not confirmed the payment of link ${link.id} yet`)
      }
      const captured = payment.captures?.length
      if (!captured) {
        await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id, amount } })
      }
      // A second Checkout of a paid link (an old tab) is recorded beside it; the link keeps its first payment.
      if (!paidTwice) await service.updatePaymentLinks({
        id: link.id,
        status: "paid",
        paid_at: new Date(),
        checkout_session_id: checkout_session.id,
        payment_intent_id: intentId(checkout_session),
      })
      await keepOrderBalance(container, link.order_id)
      const card = cardOfPayment(payment.data)
      await service.createActivities([
        {
          order_id: link.order_id,
          kind: "payment_link",
          status: "paid",
          operation:
            source === "webhook" ? "payment_link_paid_webhook" : source === "reconciliation" ? "payment_link_paid_reconciled" : "payment_link_paid",
          amount,
          currency_code: link.currency_code,
          payment_link_id: link.id,
          payment_collection_id: collectionId,
          stripe_object_id: intentId(checkout_session),
          card_brand: card.brand,
          card_last4: card.last4,
          livemode: checkout_session.livemode,
        },
      ])
      if (unexpected || !collectionTakesMoney) {
        await reportIntegrationError(container, {
          kind: "payment_link_failed",
          operation: "payment_link_paid",
          order_id: link.order_id,
          message: paidTwice
            ? `A customer paid payment link ${link.id} a second time (${amount} ${link.currency_code.toUpperCase()}, another Stripe Checkout). The payment is recorded on the order; refund it if it was not wanted.`
            : `A customer paid ${amount} ${link.currency_code.toUpperCase()} by payment link ${link.id} after the order's balance was settled another way. The payment is recorded on the order; refund it if it was not wanted.`,
          action: "Open the order and refund the extra payment if the customer should not have paid it.",
        })
      }
      return { status: "paid", amount, currency_code: link.currency_code, already: false }
    },
    { timeout: 60 }
  )
}
