import type { InitiatePaymentOutput } from "@medusajs/framework/types"
import type { StripeCollectOptionsInput } from "../options"
import StripeCollectProviderService from "../service"
import type { StripeCollectContext } from "../trusted-context"
import { FAKE_WEBHOOK_SECRET, fakeGateway, type FakeGateway } from "./fake-gateway"

export const SESSION_ID = "payses_medusa_1"

/** Medusa's capture rows for one payment, as the payment module's capture service returns them. */
export type CaptureRows = Record<string, { amount: number; payment_id: string }>

export type ProviderUnderTest = {
  service: StripeCollectProviderService
  fake: FakeGateway
  /** Medusa's captures the provider can read (capture-amounts.ts); add rows before capturing. */
  captures: CaptureRows
}

/** The provider as Medusa builds it, with the fake gateway and Medusa's capture service in its container. */
export function providerUnderTest(options: Partial<StripeCollectOptionsInput> = {}): ProviderUnderTest {
  const fake = fakeGateway()
  const captures: CaptureRows = {}
  const captureService = {
    retrieve: async (id: string) => {
      const row = captures[id]
      if (!row) throw new Error(`No capture ${id}`)
      return row
    },
    list: async (filters: { payment_id: string }) => Object.values(captures).filter((row) => row.payment_id === filters.payment_id),
  }
  const service = new StripeCollectProviderService(
    { stripeCollectGateway: fake.gateway, captureService },
    { apiKey: "sk_test_provider_unit", webhookSecret: FAKE_WEBHOOK_SECRET, ...options }
  )
  return { service, fake, captures }
}

export type StartedSession = {
  answer: InitiatePaymentOutput
  /** What Medusa saves and hands to every later call: `{ ...callerData, ...answer.data }`. */
  saved: Record<string, unknown>
}

/**
 * Creates a session the way Medusa's payment module does (payment-module.js createPaymentSession):
 * the caller's data with Medusa's session id over it, the context with the session id as idempotency
 * key under the caller's context, and the saved data merged from the caller's and the answer.
 */
export async function startSession(
  service: StripeCollectProviderService,
  input: { callerData?: Record<string, unknown>; context?: StripeCollectContext; amount?: number; currency?: string } = {}
): Promise<StartedSession> {
  const callerData = input.callerData ?? {}
  const answer = await service.initiatePayment({
    data: { ...callerData, session_id: SESSION_ID },
    context: { idempotency_key: SESSION_ID, ...input.context },
    amount: input.amount ?? 60,
    currency_code: input.currency ?? "usd",
  })
  return { answer, saved: { ...callerData, ...answer.data } }
}
