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
  /** The activity line's words, and the Medusa refund's note unless `note` is given. */
  message: string
  livemode: boolean
  /** The Medusa refund's note, when staff wrote one (the order card's Refund). */
  note?: string | null
  /** The admin user who asked for the refund. */
  created_by?: string | null
  /** An activity line already showing this refund (a refund request waiting for Stripe): it becomes the refund's line. */
  activity_id?: string | null
}
