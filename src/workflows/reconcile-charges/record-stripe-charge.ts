import type Stripe from "stripe"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { STRIPE_COLLECT_MODULE } from "../../modules/stripe-collect"
import type StripeCollectModuleService from "../../modules/stripe-collect/service"
import { FLOW_KEY } from "../../providers/stripe-collect/metadata"
import { fromMinorUnitsToNumber } from "../../stripe/money"
import { ATTEMPT_METADATA_KEY, cardOfPayment, orderLockKey } from "../charge-order-card/charge-details"
import { getStripeAccountId } from "../connect-stripe-account/get-stripe-account-id"
import { readStripeCollectProviderConfig } from "../connect-stripe-account/stripe-collect-provider-config"
import { keepOrderBalance } from "../../orders/keep-order-balance"
import { COLLECTION_ROLE_KEY, loadOrderBalance } from "../../orders/order-balance"
import { reportIntegrationError } from "../report-integration-error"

/** Where a recovered charge was noticed: Stripe's webhook, a scan of Stripe (job, admin, retry). */
export type RecoverySource = "webhook" | "reconciliation"

/** `unknown_order`: no such order here (another Medusa on the same Stripe account, or a deleted order). */
export type RecordChargeOutcome = "recorded" | "already_recorded" | "unknown_order"

/** Collection metadata naming the PaymentIntent a recovered charge's collection records. */
const RECOVERED_INTENT_KEY = "recovered_payment_intent"

/**
 * Records in Medusa an admin charge Stripe took but Medusa has no record of (Stripe's answer was
 * lost, or Medusa stopped before recording it): under the order's lock, once per PaymentIntent.
 * The payment gets a collection of its own, authorized from the PaymentIntent as Stripe has it and
 * captured through Medusa's capture workflow, so the order's totals and payment status move.
 */
export async function recordStripeCharge(
  container: MedusaContainer,
  intent: Stripe.PaymentIntent,
  source: RecoverySource
): Promise<RecordChargeOutcome> {
  const orderId = intent.metadata?.order_id
  if (intent.metadata?.[FLOW_KEY] !== "admin_charge" || !orderId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `PaymentIntent ${intent.id} is not an admin charge of this plugin`)
  }
  if (intent.status !== "succeeded") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `PaymentIntent ${intent.id} is ${intent.status}, not succeeded`)
  }
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

  return container.resolve(Modules.LOCKING).execute(
    orderLockKey(orderId),
    async () => {
      const [recorded] = await service.listActivities(
        { order_id: orderId, kind: "charge", status: "succeeded", stripe_object_id: intent.id },
        { take: 1 }
      )
      if (recorded) return "already_recorded"

      const order = await loadOrderBalance(container, orderId).catch((error) => {
        if ((error as MedusaError).type === MedusaError.Types.NOT_FOUND) return undefined
        throw error
      })
      if (!order) return "unknown_order"
      if (intent.currency !== order.currency_code.toLowerCase()) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `PaymentIntent ${intent.id} is in ${intent.currency.toUpperCase()} but order ${orderId} is in ${order.currency_code.toUpperCase()}`
        )
      }
      const amount = fromMinorUnitsToNumber(intent.amount_received, intent.currency)
      const moreThanOwed = MathBN.gt(amount, order.outstanding)
      const payment = await capturedPaymentFor(container, intent, order, amount)
      await keepOrderBalance(container, orderId)

      const card = cardOfPayment(payment.data)
      const attemptKey = intent.metadata[ATTEMPT_METADATA_KEY] ?? null
      const [attempt] = attemptKey
        ? await service.listActivities(
            { order_id: orderId, kind: "charge", attempt_key: attemptKey, status: { $ne: "succeeded" } },
            { order: { created_at: "ASC" }, take: 1 }
          )
        : []
      const row = {
        status: "succeeded",
        operation: source === "webhook" ? "charge_card_recovered_webhook" : "charge_card_recovered",
        amount,
        currency_code: order.currency_code,
        payment_collection_id: payment.payment_collection_id,
        stripe_object_id: intent.id,
        attempt_key: attemptKey,
        card_brand: card.brand,
        card_last4: card.last4,
        failure_code: null,
        decline_code: null,
        livemode: intent.livemode,
        message: "Stripe took this charge but its answer was lost; recorded from Stripe afterwards.",
      }
      // The attempt that lost its answer becomes the success it was, so a retry with its key replays it.
      if (attempt) await service.updateActivities({ id: attempt.id, ...row })
      else await service.createActivities([{ order_id: orderId, kind: "charge", ...row }])

      if (moreThanOwed) {
        await reportIntegrationError(container, {
          kind: "charge_failed",
          operation: "Charge card",
          order_id: orderId,
          order_display_id: order.display_id,
          message: `Stripe took ${amount} ${order.currency_code.toUpperCase()} for order #${order.display_id} (PaymentIntent ${intent.id}) after Medusa lost Stripe's answer, and the order was paid another way meanwhile. The payment is recorded on the order.`,
          action: "Open the order and refund the extra payment.",
        })
      }
      return "recorded"
    },
    { timeout: 60 }
  )
}

type CapturedPayment = { id: string; payment_collection_id: string; data: Record<string, unknown> | null }

/** The order's captured payment for the PaymentIntent: reused if an earlier recording got part way. */
async function capturedPaymentFor(
  container: MedusaContainer,
  intent: Stripe.PaymentIntent,
  order: Awaited<ReturnType<typeof loadOrderBalance>>,
  amount: number
): Promise<CapturedPayment> {
  const paymentModule = container.resolve(Modules.PAYMENT)
  const earlier = order.payment_collections.find(
    (c) => c.metadata?.[RECOVERED_INTENT_KEY] === intent.id && c.status !== "canceled"
  )
  let collectionId = earlier?.id
  let payment = earlier?.payments.find((p) => !p.canceled_at)
  if (!collectionId) {
    const [collection] = await paymentModule.createPaymentCollections([
      {
        currency_code: order.currency_code,
        amount,
        metadata: { [COLLECTION_ROLE_KEY]: "charge", [RECOVERED_INTENT_KEY]: intent.id },
      },
    ])
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.ORDER]: { order_id: order.id },
      [Modules.PAYMENT]: { payment_collection_id: collection.id },
    })
    collectionId = collection.id
  }
  if (!payment) {
    const sessions = earlier?.payment_sessions ?? []
    const session =
      sessions[0] ??
      (await paymentModule.createPaymentSession(collectionId, {
        provider_id: `pp_stripe-collect_${readStripeCollectProviderConfig(container).id}`,
        currency_code: order.currency_code,
        amount,
        data: {
          capture_through_medusa: true,
          order_id: order.id,
          order_display_id: String(order.display_id),
        },
        // Trusted, server-side: read this PaymentIntent instead of creating one.
        context: { adopt_payment_intent: intent.id, stripe_account: await getStripeAccountId(container) } as Record<string, unknown>,
      }))
    const authorized = await paymentModule.authorizePaymentSession(session.id, {})
    if (!authorized) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Stripe does not show PaymentIntent ${intent.id} as paid`)
    }
    payment = { id: authorized.id, provider_id: authorized.provider_id, captured_at: null, canceled_at: null }
  }
  const full = await paymentModule.retrievePayment(payment.id, { relations: ["captures"] })
  if (!full.captures?.length) {
    await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id, amount } })
  }
  const captured = await paymentModule.retrievePayment(payment.id)
  return { id: captured.id, payment_collection_id: collectionId, data: captured.data ?? null }
}
