import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  findStripeConnection,
  resolveStripeCollectService,
  STRIPE_CONNECTION_LOCK,
  type StripeConnection,
} from "../../stripe-account/stripe-connection"

/** The columns a workflow may change on the connection row. */
export type StripeConnectionChanges = Partial<Omit<StripeConnection, "id" | "created_at" | "updated_at" | "deleted_at">>

type Undo = { id: string; created: boolean; previous: StripeConnectionChanges }

export const upsertStripeConnectionStepId = "upsert-stripe-connection"

/** Writes the store's single connection row (creating it the first time); undo restores what was there. */
export const upsertStripeConnectionStep = createStep(
  upsertStripeConnectionStepId,
  async (changes: StripeConnectionChanges, { container }) => {
    const locking = container.resolve(Modules.LOCKING)
    const service = resolveStripeCollectService(container)

    const { connection, undo } = await locking.execute(
      STRIPE_CONNECTION_LOCK,
      async () => {
        const existing = await findStripeConnection(container)
        if (!existing) {
          const created = await service.createStripeConnections(changes)
          return { connection: created, undo: { id: created.id, created: true, previous: {} } }
        }
        const previous = Object.fromEntries(
          Object.keys(changes).map((key) => [key, existing[key as keyof StripeConnectionChanges]])
        ) as StripeConnectionChanges
        const updated = await service.updateStripeConnections({ id: existing.id, ...changes })
        return { connection: updated, undo: { id: existing.id, created: false, previous } }
      },
      { timeout: 10 }
    )
    return new StepResponse<StripeConnection, Undo>(connection, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service = resolveStripeCollectService(container)
    if (undo.created) {
      await service.deleteStripeConnections(undo.id)
    } else {
      await service.updateStripeConnections({ id: undo.id, ...undo.previous })
    }
  }
)
