import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { orderLockKey } from "../orders/order-lock"
import { stripeGateway } from "../stripe/configured-gateway"
import { fromMinorUnitsToNumber, asMinorUnits } from "../stripe/money"
import { recordMoneyOutWorkflow } from "../workflows/record-money-out"
import { paymentOfIntent, type PaymentInLedger } from "./payment-of-intent"
import { recordMoneyReturned } from "./record-money-returned"
import { recordRequestedRefund, requestOfRefund } from "../refunds/record-requested-refund"

/**
 * What became of a Stripe refund handed to the ledger:
 * - recorded: a refund made in Stripe, now a Medusa refund on the payment it left;
 * - already_recorded: recorded before, or the plugin's own refund (Medusa wrote it when it asked Stripe);
 * - returned: a recorded refund Stripe could not pay out (failed, canceled): its money is back, see
 *   record-money-returned.ts;
 * - not_refunded: it failed or was canceled before anything was recorded: nothing left, nothing to write;
 * - waiting: Stripe has not decided yet (requires_action);
 * - not_ours: not a payment this plugin recorded (or not recorded yet: reconciliation comes back to it).
 */
export type RefundRecordingResult = "recorded" | "already_recorded" | "returned" | "not_refunded" | "waiting" | "not_ours"

/** How long a refund the plugin itself asked for may take to appear in Medusa before it counts as Stripe's. */
const OWN_REFUND_GRACE_SECONDS = 10 * 60

const ledgerOf = (container: MedusaContainer) => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
const idOf = (value: string | { id: string } | null | undefined) => (!value ? null : typeof value === "string" ? value : value.id)

/** A refund Stripe reports (webhook, reconciliation): read from Stripe first, since events come late and out of order. */
export async function recordRefundFromStripe(
  container: MedusaContainer,
  ref: { refund_id: string; account: string | undefined }
): Promise<RefundRecordingResult> {
  const { refunds, paymentIntents } = stripeGateway(container).onAccount(ref.account)
  const refund = await refunds.retrieve(ref.refund_id)
  const intentId = idOf(refund.payment_intent)
  if (!intentId) return "not_ours"

  const [row] = await ledgerOf(container).listMoneyOuts({ stripe_object_id: refund.id }, { take: 1 })
  if (row?.medusa_refund_id) return settleRecordedRefund(container, row, refund)
  if (refund.status === "failed" || refund.status === "canceled") return "not_refunded"
  if (refund.status === "requires_action") return "waiting"

  const payment = await paymentOfIntent(container, await paymentIntents.retrieve(intentId), ref.account)
  if (!payment) return "not_ours"
  // The plugin asked for it (the order card's Refund, a canceled order's money): recorded as that request.
  const request = await requestOfRefund(container, payment, refund)
  if (request) return recordRequestedRefund(container, request, refund)
  if (await isOwnRefund(container, payment, refund)) return "already_recorded"

  const amount = fromMinorUnitsToNumber(asMinorUnits(refund.amount), refund.currency)
  const { result } = await recordMoneyOutWorkflow(container).run({
    input: {
      kind: "refund",
      stripe_object_id: refund.id,
      payment_intent_id: intentId,
      stripe_account: payment.stripe_account,
      order_id: payment.order_id,
      payment_id: payment.payment_id,
      origin: "stripe",
      amount,
      amount_minor: refund.amount,
      currency_code: payment.currency_code,
      stripe_status: refund.status ?? "succeeded",
      message: `Refunded in Stripe (${refund.id})${refund.reason ? `, reason: ${refund.reason.replace(/_/g, " ")}` : ""}`,
      livemode: !stripeGateway(container).testMode,
    },
  })
  return result.already ? "already_recorded" : "recorded"
}

/**
 * The plugin's own refund (Medusa's Refund button or the Stripe card asked Stripe for it): Medusa wrote it.
 * Its metadata names the Medusa refund: only a claim, believed when that refund exists on this very
 * payment with this amount. The ledger then notes it (and shows it on the order) once.
 */
async function isOwnRefund(container: MedusaContainer, payment: PaymentInLedger, refund: Stripe.Refund): Promise<boolean> {
  const claim = refund.metadata?.medusa_refund_id
  if (!claim) return false
  const amount = fromMinorUnitsToNumber(asMinorUnits(refund.amount), refund.currency)
  const [medusaRefund] = await container
    .resolve(Modules.PAYMENT)
    .listRefunds({ id: claim, payment_id: payment.payment_id }, { select: ["id", "amount"], take: 1 })
  if (!medusaRefund || Number(medusaRefund.amount) !== amount) {
    // Medusa may not have committed the refund it is writing yet: try again later (redelivery, reconciliation).
    if (refund.created > Date.now() / 1000 - OWN_REFUND_GRACE_SECONDS) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Refund ${refund.id} names Medusa refund ${claim}, not written yet`)
    }
    return false
  }
  await noteOwnRefund(container, payment, refund, claim, amount)
  return true
}

async function noteOwnRefund(
  container: MedusaContainer,
  payment: PaymentInLedger,
  refund: Stripe.Refund,
  medusaRefundId: string,
  amount: number
) {
  const ledger = ledgerOf(container)
  await container.resolve(Modules.LOCKING).execute(
    orderLockKey(payment.order_id),
    async () => {
      const [known] = await ledger.listMoneyOuts({ stripe_object_id: refund.id }, { take: 1 })
      if (known) return
      const [activity] = await ledger.createActivities([
        {
          order_id: payment.order_id,
          kind: "refund",
          status: "succeeded",
          operation: "refund",
          amount,
          currency_code: payment.currency_code,
          stripe_object_id: refund.id,
          message: "Refunded from Medusa",
          livemode: false,
        },
      ])
      await ledger.createMoneyOuts([
        {
          kind: "refund",
          stripe_object_id: refund.id,
          payment_intent_id: idOf(refund.payment_intent) ?? "",
          stripe_account: payment.stripe_account,
          order_id: payment.order_id,
          payment_id: payment.payment_id,
          medusa_refund_id: medusaRefundId,
          origin: "medusa",
          amount,
          currency_code: payment.currency_code,
          stripe_status: refund.status ?? "succeeded",
          activity_id: activity.id,
        },
      ])
    },
    { timeout: 60 }
  )
}

type MoneyOutRow = Awaited<ReturnType<StripeCollectModuleService["listMoneyOuts"]>>[number]

/** A refund recorded before: its status moves on; a refund Stripe could not pay out brings its money back once. */
async function settleRecordedRefund(container: MedusaContainer, row: MoneyOutRow, refund: Stripe.Refund): Promise<RefundRecordingResult> {
  const status = refund.status ?? row.stripe_status
  if (status === "failed" || status === "canceled") {
    if (row.returned_at) return "already_recorded"
    return recordMoneyReturned(container, row, {
      stripe_status: status,
      reason: `Stripe could not pay out refund ${refund.id}${refund.failure_reason ? ` (${refund.failure_reason.replace(/_/g, " ")})` : ""}`,
    })
  }
  if (status !== row.stripe_status) await ledgerOf(container).updateMoneyOuts({ id: row.id, stripe_status: status })
  return "already_recorded"
}
