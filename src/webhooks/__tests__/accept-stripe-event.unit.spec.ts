import type { StripeEventArrival } from "../../modules/stripe-collect/service"
import { acceptStripeEvent, type EventDoor } from "../accept-stripe-event"
import type { StripeEventReceived } from "../stripe-event-received"
import { paymentIntent, stripeEvent } from "./fake-context"

const receivedAt = new Date("2026-12-02T10:00:00.000Z")

/** A door over in-memory event rows, as the module service keeps them (by Stripe's event id). */
function fakeDoor(options: { configured?: string; known?: string[] } = {}) {
  const rows = new Map<string, { id: string; arrival: StripeEventArrival; status: string }>()
  const queued: StripeEventReceived[] = []
  const door: EventDoor = {
    configuredAccount: async () => options.configured,
    knowsStripeAccount: async (account) => (options.known ?? []).includes(account),
    receiveStripeEvent: async (arrival) => {
      const known = rows.get(arrival.event_id)
      if (known) return { id: known.id, handled: known.status === "processed" || known.status === "ignored" }
      const row = { id: `scevt_${rows.size + 1}`, arrival, status: "received" }
      rows.set(arrival.event_id, row)
      return { id: row.id, handled: false }
    },
    queue: async (received) => {
      queued.push(received)
    },
  }
  return { door, rows, queued }
}

describe("acceptStripeEvent", () => {
  it("writes a new event by Stripe's id and queues the verified event itself", async () => {
    const { door, rows, queued } = fakeDoor()
    const event = stripeEvent("payment_intent.succeeded", paymentIntent())

    expect(await acceptStripeEvent(event, receivedAt, door)).toEqual({ status: "queued", event_row_id: "scevt_1" })
    expect(rows.get(event.id)?.arrival).toEqual({
      event_id: event.id,
      type: "payment_intent.succeeded",
      account: null,
      object_id: "pi_unit",
      received_at: receivedAt,
    })
    expect(queued).toEqual([{ event, event_row_id: "scevt_1", received_at: "2026-12-02T10:00:00.000Z" }])
  })

  it("does nothing for a redelivery of an event already handled, and queues again one whose handling did not finish", async () => {
    const { door, rows, queued } = fakeDoor()
    const event = stripeEvent("checkout.session.completed", { id: "cs_1", object: "checkout.session" })
    await acceptStripeEvent(event, receivedAt, door)

    // Not finished yet (queued, or its handling failed): the redelivery is queued again.
    expect(await acceptStripeEvent(event, receivedAt, door)).toEqual({ status: "queued", event_row_id: "scevt_1" })
    rows.get(event.id)!.status = "processed"
    expect(await acceptStripeEvent(event, receivedAt, door)).toEqual({ status: "duplicate", event_row_id: "scevt_1" })
    rows.get(event.id)!.status = "ignored"
    expect(await acceptStripeEvent(event, receivedAt, door)).toEqual({ status: "duplicate", event_row_id: "scevt_1" })
    expect(queued).toHaveLength(2)
    expect(rows.size).toBe(1)
  })

  it("drops, without writing or queueing, events of an account the plugin never used", async () => {
    const { door, rows, queued } = fakeDoor({ configured: "acct_shop", known: ["acct_before"] })
    const event = stripeEvent("payment_intent.succeeded", paymentIntent(), "acct_someone_else")
    expect(await acceptStripeEvent(event, receivedAt, door)).toEqual({ status: "other_account", account: "acct_someone_else" })
    expect(rows.size).toBe(0)
    expect(queued).toEqual([])
  })

  it("takes events of the connected account and of accounts the ledger once used", async () => {
    const { door, queued } = fakeDoor({ configured: "acct_shop", known: ["acct_before"] })
    await acceptStripeEvent(stripeEvent("payment_intent.succeeded", paymentIntent(), "acct_shop"), receivedAt, door)
    await acceptStripeEvent(stripeEvent("payment_intent.succeeded", paymentIntent(), "acct_before"), receivedAt, door)
    expect(queued.map((q) => q.event.account)).toEqual(["acct_shop", "acct_before"])
  })

  it("drops an event naming an account when the shop uses its own key and never used that account", async () => {
    const { door, queued } = fakeDoor({ configured: undefined })
    const outcome = await acceptStripeEvent(stripeEvent("payment_intent.succeeded", paymentIntent(), "acct_never_seen"), receivedAt, door)
    expect(outcome.status).toBe("other_account")
    expect(queued).toEqual([])
  })
})
