import type Stripe from "stripe"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cardEntryOf, type CardEntry, type CardSource } from "../../../charges/card-entry"
import { stripeGateway, stripeSettings } from "../../../stripe/configured-gateway"

export type CheckCardInput = {
  payment_method: string
  /** The order customer's Stripe customer on this account (`cus_...`), if they have one. */
  order_customer: string | null
  stripe_account: string | null
  mail_phone_order: boolean
  save_card: boolean
}

// Stripe.js makes the PaymentMethod the moment staff press Charge; an older unattached card is not this charge's.
export const TYPED_CARD_MAX_AGE_SECONDS = 30 * 60

/** Stripe's test PaymentMethods (`pm_card_visa`, ...): tokens Stripe turns into a fresh card in test mode only. */
const isStripeTestCard = (id: string) => /^pm_card_[A-Za-z0-9_]+$/.test(id)

const refuse = (message: string): never => {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/**
 * The card of a charge must be one of the order customer's cards on file, a card just typed into Stripe's
 * card field (a new unattached PaymentMethod), or a Stripe test card in test mode — never a card saved for
 * someone else. Asked of Stripe (one read) before the attempt is written or anything is charged; answers
 * how the card is charged (CardEntry).
 */
export const checkCardStep = createStep("stripe-collect-check-card", async (input: CheckCardInput, { container }) => {
  const gateway = stripeGateway(container)
  const { options } = stripeSettings(container)
  const { paymentMethods } = gateway.onAccount(input.stripe_account ?? undefined)
  const source = await cardSource(gateway.testMode, input, (id) => paymentMethods.retrieve(id))

  if (input.mail_phone_order && source === "card_on_file") {
    refuse(
      "mail_phone_order: a card on file is charged without the customer (merchant-initiated); Mail/phone order is for a card the customer reads out to you"
    )
  }
  if (input.mail_phone_order && !options.moto) {
    refuse(
      "mail_phone_order: the Stripe provider's moto option is off. Ask Stripe to enable MOTO payments on your account, then set moto: true"
    )
  }
  if (input.save_card && source === "card_on_file") {
    refuse(`save_card: ${input.payment_method} is already saved for this customer`)
  }
  const entry: CardEntry = cardEntryOf(source, input.mail_phone_order)
  return new StepResponse(entry)
})

/** Where the card comes from; throws a 400 for any card this charge may not use. */
export async function cardSource(
  testMode: boolean,
  input: CheckCardInput,
  retrieve: (id: string) => Promise<Stripe.PaymentMethod | null>
): Promise<CardSource> {
  const id = input.payment_method
  if (isStripeTestCard(id)) {
    if (!testMode) refuse(`payment_method: ${id} is a Stripe test card; test cards work only with a test-mode API key`)
    return "test_card"
  }
  const card = await retrieve(id)
  if (!card) return refuse(`payment_method: Stripe has no card ${id} on this account`)
  const owner = typeof card.customer === "string" ? card.customer : (card.customer?.id ?? null)
  if (owner) {
    if (owner === input.order_customer) return "card_on_file"
    return refuse(
      `payment_method: ${id} is a card saved for another customer. Charge one of this order customer's cards on file, or type the card they give you`
    )
  }
  if (card.type !== "card") refuse(`payment_method: ${id} is a ${card.type} payment method; Charge card takes cards`)
  if (Date.now() / 1000 - card.created > TYPED_CARD_MAX_AGE_SECONDS) {
    refuse(
      `payment_method: ${id} is neither a card on file of this order's customer nor a card just typed into Stripe's card field; type the card again`
    )
  }
  return "typed_card"
}
