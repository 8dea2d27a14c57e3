import { createHash } from "crypto"
import type { ProviderSendNotificationDTO } from "@medusajs/framework/types"

/**
 * What the notification module really hands a provider: the declared DTO plus the stored
 * notification's id and idempotency key (Medusa 2.21 passes the whole record).
 */
export type SentNotification = ProviderSendNotificationDTO & {
  id?: string
  idempotency_key?: string | null
}

// Resend keeps keys for 24 h and accepts at most 256 characters.
const MAX_KEY_LENGTH = 256

/**
 * The Resend idempotency key of one notification: the caller's idempotency key when it set one
 * (a retried notification keeps it, so Resend never sends the same email twice), else the
 * notification's id. Undefined only if Medusa passed neither.
 */
export function idempotencyKeyFor(notification: SentNotification): string | undefined {
  const key = notification.idempotency_key?.trim() || notification.id
  if (!key) return undefined
  const namespaced = `medusa-notification/${key}`
  return namespaced.length <= MAX_KEY_LENGTH ? namespaced : `medusa-notification/sha256/${createHash("sha256").update(key).digest("hex")}`
}
