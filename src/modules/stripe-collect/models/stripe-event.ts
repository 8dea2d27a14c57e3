import { model } from "@medusajs/framework/utils"

/**
 * One verified Stripe event, by Stripe's event id: Stripe delivers at least once, so a redelivery finds
 * its row and changes nothing. Only deliveries with a valid signature are written; forged ones cost a counter.
 */
const StripeEvent = model
  .define("stripe_collect_stripe_event", {
    id: model.id({ prefix: "scevt" }).primaryKey(),
    event_id: model.text(),
    type: model.text(),
    /** `acct_...` for events of a connected account; null for the API key's own account. */
    account: model.text().nullable(),
    object_id: model.text().nullable(),
    status: model.enum(["received", "processed", "ignored", "failed"]).default("received"),
    /** What handling the event did, or why it was ignored. */
    outcome: model.text().nullable(),
    received_at: model.dateTime(),
    processed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["event_id"], unique: true }, { on: ["status", "received_at"] }])

export default StripeEvent
