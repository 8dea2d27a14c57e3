/** Money that left a payment in Stripe (a refund, a lost dispute), as the ledger records it. */
export type MoneyOutEntry = {
  kind: "refund" | "dispute_lost"
  /** `re_...` or `dp_...`. */
  stripe_object_id: string
  payment_intent_id: string
  stripe_account: string | null
  order_id: string
  /** The Medusa payment of this provider the money left. */
  payment_id: string
  origin: "medusa" | "stripe"
  /** Major units, and the same in Stripe's minor units. */
  amount: number
  amount_minor: number
  currency_code: string
  stripe_status: string
  /** The activity line's words, and the Medusa refund's note. */
  message: string
  livemode: boolean
}
