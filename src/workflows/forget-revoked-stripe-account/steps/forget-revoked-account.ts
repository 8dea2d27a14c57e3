import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findStripeConnection, resolveStripeCollectService, STRIPE_CONNECTION_LOCK } from "../../../stripe-account/stripe-connection"

type Undo = { id: string; stripe_account_id: string; account_display_name: string | null; connected_at: Date | null; livemode: boolean }

export const forgetRevokedAccountStepId = "forget-revoked-stripe-account"

/**
 * Forgets the connected account if it is the one Stripe says revoked access; another account
 * (say, one connected since) is left alone. Returns whether the store's connection was affected.
 */
export const forgetRevokedAccountStep = createStep(
  forgetRevokedAccountStepId,
  async (input: { stripe_account_id: string }, { container }) => {
    const service = resolveStripeCollectService(container)
    const undo = await container.resolve(Modules.LOCKING).execute(
      STRIPE_CONNECTION_LOCK,
      async (): Promise<Undo | null> => {
        const connection = await findStripeConnection(container)
        if (!connection || connection.stripe_account_id !== input.stripe_account_id) {
          return null
        }
        await service.updateStripeConnections({
          id: connection.id,
          stripe_account_id: null,
          account_display_name: null,
          connected_at: null,
        })
        return {
          id: connection.id,
          stripe_account_id: input.stripe_account_id,
          account_display_name: connection.account_display_name ?? null,
          connected_at: connection.connected_at ? new Date(connection.connected_at) : null,
          livemode: connection.livemode,
        }
      },
      { timeout: 10 }
    )
    return new StepResponse(undo !== null, undo ?? undefined)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const { id, ...previous } = undo
    await resolveStripeCollectService(container).updateStripeConnections({ id, ...previous })
  }
)
