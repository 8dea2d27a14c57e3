import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { SessionDataReader } from "../providers/stripe-collect/session-data"
import { toMinorUnits, fromMinorUnitsToNumber } from "../stripe/money"

const OUR_PROVIDER_PREFIX = "pp_stripe-collect_"

/** Refund requests whose money Stripe may have paid out but Medusa has not recorded yet: held from the refundable rest. */
export const UNSETTLED_REFUND_STATUSES = ["pending", "lost"] as const

/** One Stripe payment on the order (a charge, a link payment, a storefront checkout) and what can still be refunded. */
export type OrderStripePayment = {
  /** The Medusa payment. */
  id: string
  payment_intent_id: string
  stripe_account: string | null
  /** How it was paid, in the merchant's words. */
  source: "card_charge" | "payment_link" | "checkout"
  currency_code: string
  captured: number
  refunded: number
  /** Refunds asked of Stripe whose answer is still being checked. */
  refund_pending: number
  refundable: number
  /** "Visa •••• 4242", "SEPA Direct Debit •••• 3000"; null when unknown. */
  method: string | null
  created_at: string
}

type PaymentRow = {
  id: string
  provider_id: string
  currency_code: string
  data: Record<string, unknown> | null
  canceled_at: string | null
  created_at: string
  captures?: Array<{ amount: unknown }> | null
  refunds?: Array<{ amount: unknown }> | null
}

const sum = (rows: Array<{ amount: unknown }> | null | undefined) =>
  (rows ?? []).reduce((total, r) => MathBN.add(total, MathBN.convert(r.amount as number)), MathBN.convert(0))

/** Exact major-unit arithmetic through minor units, so 0.1 + 0.2 never leaves a cent's dust. */
const exact = (amount: number, currency: string) =>
  fromMinorUnitsToNumber(toMinorUnits(amount, currency, { rounding: "half_up" }), currency)

/**
 * The order's payments of this provider with captured money, newest first: what each took, what Medusa
 * refunded, what refunds are still being checked with Stripe, and the refundable rest — read from Medusa's
 * own payments (written by our provider), never from caller input.
 */
export async function orderStripePayments(container: MedusaContainer, orderId: string): Promise<OrderStripePayment[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.currency_code",
      "payment_collections.payments.data",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.created_at",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.refunds.amount",
    ],
    filters: { id: orderId },
  })
  const collections = ((data[0] as { payment_collections?: Array<{ payments?: PaymentRow[] | null } | null> } | undefined)
    ?.payment_collections ?? []) as Array<{ payments?: PaymentRow[] | null } | null>
  const payments = collections
    .flatMap((c) => c?.payments ?? [])
    .filter((p) => p.provider_id.startsWith(OUR_PROVIDER_PREFIX) && (p.captures ?? []).length > 0)
  if (!payments.length) return []

  const ledger = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const ids = payments.map((p) => p.id)
  const [attempts, requests, moneyOut] = await Promise.all([
    ledger.listPaymentAttempts({ payment_id: ids }, { select: ["payment_id", "flow", "activity_id"] }),
    ledger.listRefundRequests(
      { payment_id: ids, status: [...UNSETTLED_REFUND_STATUSES] },
      { select: ["payment_id", "amount", "stripe_refund_id"] }
    ),
    ledger.listMoneyOuts({ payment_id: ids }, { select: ["stripe_object_id", "medusa_refund_id"] }),
  ])
  // A request whose Stripe refund Medusa already recorded counts among the refunds, not as pending.
  const recorded = new Set(moneyOut.filter((m) => m.medusa_refund_id).map((m) => m.stripe_object_id))
  const unsettled = requests.filter((r) => !r.stripe_refund_id || !recorded.has(r.stripe_refund_id))
  const activityIds = attempts.map((a) => a.activity_id).filter((id): id is string => Boolean(id))
  const lines = activityIds.length
    ? await ledger.listActivities({ id: activityIds }, { select: ["id", "card_brand", "card_last4", "payment_method"] })
    : []
  const lineOf = new Map(lines.map((l) => [l.id, l]))

  return payments
    .flatMap((payment): OrderStripePayment[] => {
      const data = new SessionDataReader(payment.data ?? {})
      const intentId = data.paymentIntentId
      if (!intentId) return []
      const currency = payment.currency_code
      const attempt = attempts.find((a) => a.payment_id === payment.id)
      const line = attempt?.activity_id ? lineOf.get(attempt.activity_id) : undefined
      const card = data.card
      const captured = sum(payment.captures)
      const refunded = sum(payment.refunds)
      const pending = unsettled
        .filter((r) => r.payment_id === payment.id)
        .reduce((total, r) => MathBN.add(total, MathBN.convert(r.amount as unknown as number)), MathBN.convert(0))
      const rest = MathBN.sub(MathBN.sub(captured, refunded), pending)
      const method =
        line?.payment_method ??
        (line?.card_brand && line.card_last4 ? `${capitalize(line.card_brand)} •••• ${line.card_last4}` : null) ??
        (card ? `${capitalize(card.brand)} •••• ${card.last4}` : null)
      return [
        {
          id: payment.id,
          payment_intent_id: intentId,
          stripe_account: data.stripeAccount ?? null,
          source: attempt?.flow === "admin_charge" ? "card_charge" : attempt?.flow === "payment_link" ? "payment_link" : "checkout",
          currency_code: currency,
          captured: exact(captured.toNumber(), currency),
          refunded: exact(refunded.toNumber(), currency),
          refund_pending: exact(pending.toNumber(), currency),
          refundable: payment.canceled_at || MathBN.lte(rest, 0) ? 0 : exact(rest.toNumber(), currency),
          method,
          created_at: payment.created_at,
        },
      ]
    })
    .sort((a, b) => (a.created_at < b.created_at ? 1 : -1))
}

const capitalize = (word: string) => (word ? word[0].toUpperCase() + word.slice(1) : word)
