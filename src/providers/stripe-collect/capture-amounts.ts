import type { MoneyAmount } from "../../stripe/money"

/**
 * Medusa 2.21 calls a provider's capturePayment with the payment's data and the capture's id (as
 * idempotency key) but not the capture's amount. The capture row is committed before that call, so
 * the amount is read from the payment module's own container, where providers are registered.
 */

type CaptureRow = { amount?: unknown; raw_amount?: unknown; payment_id?: unknown }

/** The payment module's internal capture service, as much of it as we use. */
type CaptureService = {
  retrieve(id: string, config?: { select?: string[] }): Promise<CaptureRow>
  list(filters: { payment_id: string }, config?: { select?: string[] }): Promise<CaptureRow[]>
}

export type CaptureAmounts = {
  /** What this capture asks for, in major units. */
  amount: MoneyAmount
  /** Every capture of the same payment, this one included, in major units. */
  paymentTotal: MoneyAmount[]
}

export type CaptureAmountReader = (captureId: string) => Promise<CaptureAmounts | undefined>

/** A reader over the provider's container, or undefined outside the payment module (then: capture all). */
export function captureAmountReader(container: Record<string, unknown>): CaptureAmountReader | undefined {
  const service = resolveCaptureService(container)
  if (!service) return undefined
  return async (captureId) => {
    const capture = await service.retrieve(captureId, { select: ["id", "amount", "raw_amount", "payment_id"] })
    const amount = moneyOf(capture)
    if (amount === undefined) return undefined
    const paymentId = typeof capture.payment_id === "string" ? capture.payment_id : undefined
    const siblings = paymentId ? await service.list({ payment_id: paymentId }, { select: ["id", "amount", "raw_amount"] }) : [capture]
    const paymentTotal = siblings.map(moneyOf).filter((value): value is MoneyAmount => value !== undefined)
    return { amount, paymentTotal }
  }
}

function resolveCaptureService(container: Record<string, unknown>): CaptureService | undefined {
  try {
    // Awilix's cradle throws on unknown keys, so probe inside try.
    const candidate = container.captureService
    if (
      candidate &&
      typeof candidate === "object" &&
      "retrieve" in candidate &&
      typeof candidate.retrieve === "function" &&
      "list" in candidate &&
      typeof candidate.list === "function"
    ) {
      return candidate as CaptureService
    }
  } catch {
    return undefined
  }
  return undefined
}

function moneyOf(row: CaptureRow): MoneyAmount | undefined {
  const raw = row.raw_amount
  if (raw && typeof raw === "object" && "value" in raw) {
    const value = raw.value
    if (typeof value === "string" || typeof value === "number") return { value }
  }
  const amount = row.amount
  if (typeof amount === "number" || typeof amount === "string") return amount
  return undefined
}
