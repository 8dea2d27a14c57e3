// One request's view of the sandbox: the account it acts in, and the request that caused its events.
import type { SandboxEvent, EventPayloadObject } from "./event-types"
import { newId, nowSeconds } from "./ids"
import { PLATFORM_ACCOUNT_ID, type AccountData, type SandboxState } from "./state"

export interface RequestRef {
  id: string | null
  idempotency_key: string | null
}

/** Called for every new event; the webhook dispatcher subscribes. */
export type EventListener = (event: SandboxEvent) => void

export interface SandboxCore {
  state: SandboxState
  apiVersion: string
  /** Base URL for hosted pages, e.g. http://127.0.0.1:4010 */
  publicUrl(): string
  onEvent: EventListener
  /** How many endpoints an event will be sent to (its pending_webhooks). */
  endpointCount(event: SandboxEvent): number
  /** How long a test card's refund takes to settle (pm_card_pendingRefund, pm_card_refundFail). */
  refundSettleDelayMs: number
}

export class Scope {
  readonly data: AccountData
  /** Events emitted through this scope: a request that emitted none changed nothing. */
  emitted = 0

  constructor(
    readonly core: SandboxCore,
    readonly accountId: string,
    readonly request: RequestRef = { id: null, idempotency_key: null }
  ) {
    this.data = core.state.data(accountId)
  }

  get state(): SandboxState {
    return this.core.state
  }

  /** The connected account this scope acts for, or null on the platform. */
  get connectedAccountId(): string | null {
    return this.accountId === PLATFORM_ACCOUNT_ID ? null : this.accountId
  }

  /** Remembers which account an object belongs to, for hosted pages that only have its id. */
  own(id: string): void {
    this.core.state.owners.set(id, this.accountId)
  }

  /** Records an event with a snapshot of the object as it is now, and hands it to webhook delivery. */
  emit(type: string, object: EventPayloadObject, previousAttributes?: Record<string, unknown>): SandboxEvent {
    const event: SandboxEvent = {
      id: newId.event(),
      object: "event",
      ...(this.connectedAccountId ? { account: this.connectedAccountId } : {}),
      api_version: this.core.apiVersion,
      created: nowSeconds(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { ...this.request },
      type,
    }
    event.pending_webhooks = this.core.endpointCount(event)
    this.emitted += 1
    this.data.events.add(event)
    this.core.onEvent(event)
    return event
  }
}
