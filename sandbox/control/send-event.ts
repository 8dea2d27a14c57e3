// Events "from Stripe" that no API request caused: any type, any account (even one the sandbox never saw).
import type { SandboxEvent } from "../stripe/event-types"
import { Scope, type SandboxCore } from "../stripe/scope"
import { PLATFORM_ACCOUNT_ID } from "../stripe/state"
import type { SandboxEventInput } from "../types"

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

/** Checks a control-API body and returns it as an event to send; throws a message for the 400 otherwise. */
export function eventInputFrom(body: Record<string, unknown>): SandboxEventInput {
  const { type, account, object, previous_attributes: previous } = body
  if (typeof type !== "string" || !/^[a-z_]+(\.[a-z_]+)+$/.test(type))
    throw new Error('type must be an event type, e.g. "payment_intent.succeeded"')
  if (account !== undefined && account !== null && (typeof account !== "string" || !account.startsWith("acct_")))
    throw new Error("account must be an acct_ id")
  if (!isRecord(object) || typeof object.object !== "string")
    throw new Error('object must be a Stripe object with an "object" name, e.g. { "id": "pi_1", "object": "payment_intent" }')
  if (object.id !== undefined && typeof object.id !== "string") throw new Error("object.id must be a string")
  if (previous !== undefined && !isRecord(previous)) throw new Error("previous_attributes must be an object")
  return {
    type,
    account: account ?? null,
    object: { ...object, object: object.object },
    ...(previous ? { previous_attributes: previous } : {}),
  }
}

/** Records the event in its account's event list and hands it to webhook delivery, signed like every other. */
export function sendEvent(core: SandboxCore, input: SandboxEventInput): SandboxEvent {
  const scope = new Scope(core, input.account ?? PLATFORM_ACCOUNT_ID)
  const id = typeof input.object.id === "string" ? input.object.id : undefined
  return scope.emit(
    input.type,
    { ...input.object, object: input.object.object, ...(id !== undefined ? { id } : {}) },
    input.previous_attributes
  )
}
