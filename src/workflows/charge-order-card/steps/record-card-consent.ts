import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SAVE_CARD_CONSENT } from "../../../charges/card-entry"
import { stripeGateway } from "../../../stripe/configured-gateway"
import { errorMessage } from "../../../utils/error-message"

export type RecordCardConsentInput = {
  save_card: boolean
  payment_method: string
  stripe_account: string | null
  attempt_key: string
  actor_id: string | null
  consented_at: Date | string
  /** The Stripe customer the charge kept the card on (null: nothing was kept). */
  customer: string | null
}

/**
 * A card kept for later charges carries its consent at Stripe too (the sentence, who, when), so it
 * stays with the card wherever it is charged from. The money is recorded already and the activity
 * line holds the same consent, so a failure here is logged, never a failed charge.
 */
export const recordCardConsentStep = createStep(
  "stripe-collect-record-card-consent",
  async (input: RecordCardConsentInput, { container }) => {
    if (!input.save_card || !input.customer) return new StepResponse(false)
    try {
      const { paymentMethods } = stripeGateway(container).onAccount(input.stripe_account ?? undefined)
      await paymentMethods.update(
        input.payment_method,
        {
          metadata: {
            stripe_collect_consent: SAVE_CARD_CONSENT,
            stripe_collect_consent_at: new Date(input.consented_at).toISOString(),
            stripe_collect_consent_by: input.actor_id ?? "unknown",
          },
        },
        `${input.attempt_key}-consent`
      )
      return new StepResponse(true)
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `stripe-collect: the saved card ${input.payment_method} is kept, but its consent could not be written at Stripe: ${errorMessage(error)}`
        )
      return new StepResponse(false)
    }
  }
)
