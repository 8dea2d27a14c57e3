import { MedusaError } from "@medusajs/framework/utils"

/** A Buffer after a trip through a JSON queue (Medusa's event bus serializes the webhook payload). */
export type SerializedBuffer = { type: "Buffer"; data: number[] }

/**
 * One webhook delivery as Medusa hands it over: the raw body (a Buffer or string from the route, or a
 * serialized Buffer after a queue; missing when the route did not preserve it) and the request headers.
 */
export type WebhookDelivery = {
  rawData?: string | Buffer | SerializedBuffer | null
  headers?: Record<string, unknown> | null
}

/** What a signature check needs: the exact bytes Stripe signed and its `Stripe-Signature` header. */
export type SignedDelivery = {
  rawBody: string | Buffer
  signature: string
}

/**
 * The raw body and signature of a delivery, read the same way by the provider and the webhook entry.
 * Nothing from the parsed body is used: only the raw bytes can be checked against the signature.
 * Throws INVALID_DATA naming what is missing.
 */
export function signedDelivery(delivery: WebhookDelivery): SignedDelivery {
  const rawBody = rawBodyOf(delivery.rawData)
  if (rawBody === undefined) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Stripe webhook rejected: the raw request body is missing, so its signature cannot be checked"
    )
  }
  const signature = headerValue(delivery.headers, "stripe-signature")
  if (signature === undefined) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Stripe webhook rejected: the Stripe-Signature header is missing")
  }
  return { rawBody, signature }
}

function rawBodyOf(rawData: unknown): string | Buffer | undefined {
  if (typeof rawData === "string") return rawData.length ? rawData : undefined
  if (Buffer.isBuffer(rawData)) return rawData.length ? rawData : undefined
  if (isSerializedBuffer(rawData)) return rawData.data.length ? Buffer.from(rawData.data) : undefined
  return undefined
}

function isSerializedBuffer(value: unknown): value is SerializedBuffer {
  return (
    !!value &&
    typeof value === "object" &&
    "type" in value &&
    value.type === "Buffer" &&
    "data" in value &&
    Array.isArray(value.data) &&
    value.data.every((byte: unknown) => typeof byte === "number")
  )
}

// Node lower-cases header names; other callers may not, and a repeated header arrives as an array.
function headerValue(headers: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)
  const value = Array.isArray(entry?.[1]) ? entry[1][0] : entry?.[1]
  return typeof value === "string" && value.length > 0 ? value : undefined
}
