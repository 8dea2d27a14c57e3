import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ReminderStep } from "../../payment-links/reminder-plan"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"

export type SaveReminderSettingsInput = {
  time_zone: string
  /** Omitted: the schedule stays as it is. */
  reminder_schedule?: ReminderStep[]
}

/** Settings → Stripe → Due dates and reminders: the store's time zone and the reminder schedule, from the next run on. */
export const saveReminderSettingsWorkflow = createWorkflow("stripe-collect-save-reminder-settings", (input: SaveReminderSettingsInput) => {
  const connection = upsertStripeConnectionStep(
    transform({ input }, ({ input }) => ({
      time_zone: input.time_zone,
      ...(input.reminder_schedule ? { reminder_schedule: { steps: [...input.reminder_schedule].sort((a, b) => a.days - b.days) } } : {}),
    }))
  )
  return new WorkflowResponse(connection)
})
