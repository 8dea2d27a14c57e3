// What GET /admin/stripe-collect/orders/:id answers: everything the order page's Stripe card shows.

export type OrderBalance = {
  id: string
  display_id: number
  currency_code: string
  total: number
  paid_total: number
  /** Refunded of what was paid; absent from an older server. */
  refunded_total?: number
  outstanding: number
  /** Of the outstanding amount, what bank debits still processing hold (SEPA, ACH): paid once the bank confirms. */
  processing: number
  /** Medusa's own payment status, as its Payments section shows it. */
  payment_status: string
  status: string
  /** False when the order cannot take a payment now (canceled, draft, nothing outstanding). */
  payable: boolean
}

export type BillingAddress = {
  address_1: string | null
  address_2: string | null
  city: string | null
  province: string | null
  postal_code: string | null
  country_code: string | null
}

export type OrderCustomer = {
  id: string | null
  name: string | null
  email: string | null
  phone: string | null
  billing_address: BillingAddress | null
}

export type CardOnFile = { id: string; brand: string; last4: string; exp_month: number; exp_year: number }

export type StripeTestCard = { id: string; label: string; brand: string; last4: string }

export type ActivityKind = "charge" | "payment_link" | "refund" | "dispute" | "webhook" | "error"

export type StripeActivity = {
  id: string
  kind: ActivityKind
  status: string
  operation: string | null
  amount: number | null
  currency_code: string | null
  card_brand: string | null
  card_last4: string | null
  /** How a charge's card was taken, in the merchant's words (card on file, Mail/phone order, ...). */
  card_entry_label?: string | null
  /** The consent sentence staff confirmed when the card was saved. */
  consent_text?: string | null
  /** How the customer paid when it was not a plain card: "SEPA Direct Debit •••• 3000", "Klarna". */
  payment_method: string | null
  failure_code: string | null
  decline_code: string | null
  message: string | null
  stripe_object_id: string | null
  stripe_request_id: string | null
  stripe_dashboard_url: string | null
  payment_link_id: string | null
  /** The Medusa payment a recorded charge or link payment line stands for, and its receipt PDF's path. */
  payment_id?: string | null
  receipt_path?: string | null
  created_at: string
}

/** What Stripe.js needs to take a new card in Stripe's own card field; no secret. */
export type NewCardSetup = {
  publishable_key: string
  stripe_js_url: string
  /** The connected account the card is made on (Stripe.js's stripeAccount), if any. */
  stripe_account: string | null
}

export type PaymentLinkStatus = "sent" | "viewed" | "processing" | "paid" | "canceled" | "expired"

/** How the merchant follows a link up: open, overdue (past its due date with money outstanding), or its final state. */
export type PaymentLinkState = "open" | "overdue" | "processing" | "paid" | "canceled" | "expired"

export type PaymentLinkSummary = {
  id: string
  status: PaymentLinkStatus
  state?: PaymentLinkState
  days_overdue?: number
  terms?: string | null
  terms_label?: string | null
  /** YYYY-MM-DD on the store's calendar; null on links sent before terms existed. */
  due_date?: string | null
  last_reminder_on?: string | null
  next_reminder_on?: string | null
  amount: number
  currency_code: string
  email: string
  expires_at: string
  sent_at: string | null
  viewed_at: string | null
  paid_at: string | null
  canceled_at: string | null
  created_at: string
}

/** The order's invoice (latest version); numbered when its first payment link is sent. */
export type OrderInvoice = {
  id: string
  number: string
  version: number
  status: "issued" | "superseded" | "void"
  order_total: number
  currency_code: string
  issued_at: string
  terms?: string | null
  due_date?: string | null
}

/** What the admin's roles allow with the plugin (all true without Medusa's RBAC flag). */
export type StripeCollectPermissions = {
  read: boolean
  charge: boolean
  refund: boolean
  send_link: boolean
  manage_settings: boolean
}

export type OrderStripeState = {
  order: OrderBalance
  customer: OrderCustomer
  cards_on_file: CardOnFile[]
  /** Stripe's test cards, offered only while the account is in test mode. */
  test_cards: StripeTestCard[]
  /** A new card typed into Stripe's card field; null when the provider has no publishable key. */
  new_card: NewCardSetup | null
  /** What a payment link's Checkout offers; `description` is how the customer's email says it ("by card"). */
  link_payment_methods: { methods: "cards" | "all"; description: string }
  /** Offer "Mail/phone order" for a typed card (the provider's moto option is on). */
  mail_phone_order_available?: boolean
  /** The sentence shown beside "Save the card" (recorded with the consent). */
  save_card_consent?: string
  activity: StripeActivity[]
  /** The order's Stripe payments and what each can still refund; absent from an older server. */
  payments?: OrderStripePayment[]
  disputes: OrderDispute[]
  payment_links: PaymentLinkSummary[]
  invoice: OrderInvoice | null
  /** The store's time zone (Settings → Stripe): due dates are its calendar days. */
  time_zone?: string
  /** Absent from an older server: everything is allowed. */
  permissions?: StripeCollectPermissions
}

/** A Stripe dispute or inquiry on one of the order's payments. */
export type OrderDispute = {
  id: string
  status: string
  reason: string
  amount: number
  currency_code: string
  evidence_due_by: string | null
  /** Not decided yet (won, lost, closed and prevented are decided; lost can still be appealed in Stripe). */
  open: boolean
  stripe_dashboard_url: string | null
}

export type CardCharge = {
  id: string
  status: string
  amount: number
  currency_code: string
  payment_intent_id: string | null
  card_brand: string | null
  card_last4: string | null
}

export type ChargeCardResponse = { charge: CardCharge; order: Partial<OrderBalance>; replayed?: boolean }

export type CreatedPaymentLink = {
  id: string
  /** Shown once, right after creation; afterwards only the link id exists. */
  url: string
  amount: number
  currency_code: string
  email: string
  status: PaymentLinkStatus
  expires_at: string
}

export type CreatePaymentLinkBody = {
  amount?: number
  email?: string
  message?: string
  expires_at?: string
  terms?: string
  due_date?: string
}

/** One Stripe payment on the order (a card charge, a link payment, a storefront checkout). */
export type OrderStripePayment = {
  /** The Medusa payment id. */
  id: string
  payment_intent_id: string
  source: "card_charge" | "payment_link" | "checkout"
  currency_code: string
  captured: number
  refunded: number
  /** Refunds sent to Stripe whose answer is still being checked. */
  refund_pending: number
  refundable: number
  /** "Visa •••• 4242", "SEPA Direct Debit •••• 3000"; null when unknown. */
  method: string | null
  /** A chargeback is open or lost on it: Stripe refuses refunds. */
  disputed: boolean
  created_at: string
}

export type RefundPaymentBody = {
  payment_id: string
  amount: number
  refund_reason_id?: string | null
  note?: string | null
}

export type RefundPaymentResponse = {
  refund: {
    id: string
    /** refunded: done; checking: Stripe's answer was lost, the refund is recorded once it is confirmed. */
    status: "refunded" | "checking"
    amount: number
    currency_code: string
    payment_id: string
    stripe_refund_id: string | null
    message: string | null
  }
  order: Partial<OrderBalance>
  replayed?: boolean
}
