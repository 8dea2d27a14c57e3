// The Event object as Stripe sends it (https://docs.stripe.com/api/events/object).

/** Any Stripe object carried in an event: it has an `object` name and usually an id. */
export interface EventPayloadObject {
  object: string
  id?: string
}

export interface SandboxEvent {
  id: string
  object: "event"
  /** The connected account the event happened in; absent for the platform's own events. */
  account?: string
  api_version: string
  created: number
  data: { object: EventPayloadObject; previous_attributes?: Record<string, unknown> }
  livemode: false
  pending_webhooks: number
  request: { id: string | null; idempotency_key: string | null }
  type: string
}
