import { idempotencyKeyFor } from "../idempotency-key"

const notification = { to: "jane@example.com", channel: "email", template: "stripe-collect.payment-link" }

describe("Resend idempotency key of a notification", () => {
  it("follows the caller's idempotency key, so a retried notification is never sent twice", () => {
    expect(idempotencyKeyFor({ ...notification, id: "noti_1", idempotency_key: "payment-link/plink_1/sent" })).toBe(
      "medusa-notification/payment-link/plink_1/sent"
    )
    expect(idempotencyKeyFor({ ...notification, id: "noti_2", idempotency_key: "payment-link/plink_1/sent" })).toBe(
      "medusa-notification/payment-link/plink_1/sent"
    )
  })

  it("falls back to the notification's id", () => {
    expect(idempotencyKeyFor({ ...notification, id: "noti_1", idempotency_key: null })).toBe("medusa-notification/noti_1")
    expect(idempotencyKeyFor({ ...notification, id: "noti_1", idempotency_key: " " })).toBe("medusa-notification/noti_1")
  })

  it("is absent when there is nothing to derive it from", () => {
    expect(idempotencyKeyFor(notification)).toBeUndefined()
  })

  it("stays within Resend's 256 characters, distinct per key", () => {
    const long = idempotencyKeyFor({ ...notification, idempotency_key: "a".repeat(300) })
    const other = idempotencyKeyFor({ ...notification, idempotency_key: "a".repeat(299) + "b" })
    expect(long).toMatch(/^medusa-notification\/sha256\/[0-9a-f]{64}$/)
    expect(long!.length).toBeLessThanOrEqual(256)
    expect(other).not.toBe(long)
  })
})
