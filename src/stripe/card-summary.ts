/** The card a Stripe payment was made with, as the order's activity shows it. */
export type CardSummary = {
  payment_intent_id: string | null
  brand: string | null
  last4: string | null
  livemode: boolean
}

type Loose = Record<string, unknown> | undefined
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined)
const str = (v: unknown): string | null => (typeof v === "string" ? v : null)

/**
 * Card brand and last four digits of a PaymentIntent (or a payment's data written from one), wherever
 * Stripe put them: the charge's payment method details, the expanded PaymentMethod, or our own summary.
 */
export function cardOfPayment(intentLike: unknown): CardSummary {
  const intent = obj(intentLike)
  const charge = obj(intent?.latest_charge)
  const chargeCard = obj(obj(charge?.payment_method_details)?.card)
  const methodCard = obj(obj(intent?.payment_method)?.card)
  const card = chargeCard ?? methodCard ?? obj(intent?.card)
  return {
    payment_intent_id: str(intent?.id),
    brand: str(card?.brand),
    last4: str(card?.last4),
    livemode: intent?.livemode === true,
  }
}
