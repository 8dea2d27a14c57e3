import { validatePaymentLink } from "../../workflows/create-payment-link/steps/validate-payment-link"
import { amountDueByLink } from "../open-link-checkout"
import type { OrderBalance } from "../../orders/order-balance"
import { linkState } from "../find-link"
import { deriveLinkToken, generateTokenNonce, hashLinkToken, isWellFormedToken } from "../token"

const order = (overrides: Partial<OrderBalance> = {}): OrderBalance => ({
  id: "order_1",
  display_id: 7,
  status: "pending",
  currency_code: "usd",
  email: "buyer@example.test",
  created_at: new Date(),
  customer_id: null,
  customer: null,
  billing_address: null,
  total: 100,
  paid_total: 0,
  outstanding: 100,
  payment_collections: [],
  ...overrides,
})

const now = new Date("2026-11-26T12:00:00Z")
const DAY = 86_400_000

describe("payment link tokens", () => {
  it("derives a 256-bit URL-safe token from a random nonce and the secret, stable for resends", () => {
    const nonce = generateTokenNonce()
    const token = deriveLinkToken("secret", nonce)
    expect(isWellFormedToken(token)).toBe(true)
    expect(Buffer.from(token, "base64url")).toHaveLength(32)
    expect(deriveLinkToken("secret", nonce)).toBe(token)
    expect(deriveLinkToken("other secret", nonce)).not.toBe(token)
    expect(deriveLinkToken("secret", generateTokenNonce())).not.toBe(token)
  })

  it("stores only a SHA-256 hash, and refuses malformed tokens", () => {
    const token = deriveLinkToken("secret", "n")
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashLinkToken(token)).not.toContain(token)
    for (const bad of ["", "short", "x".repeat(44), `${"a".repeat(42)}/`, "' or 1=1 --"]) {
      expect(isWellFormedToken(bad)).toBe(false)
    }
  })
})

describe("validatePaymentLink", () => {
  it("defaults to the outstanding amount, the order's email and 30 days", () => {
    expect(validatePaymentLink(order({ outstanding: 60 }), {}, now)).toEqual({
      amount: 60,
      email: "buyer@example.test",
      message: null,
      expires_at: new Date(now.getTime() + 30 * DAY),
      terms: "due_on_receipt",
      due_date: now.toISOString().slice(0, 10),
    })
  })

  it("gives the due date of the terms in the store's time zone, and keeps the link open 30 days past it", () => {
    const at = new Date("2026-12-31T23:30:00Z") // already Jan 1 in Berlin
    const net30 = validatePaymentLink(order(), { terms: "net_30" }, at, "Europe/Berlin")
    expect(net30).toMatchObject({ terms: "net_30", due_date: "2027-01-31" })
    // 30 days after the due date: 60 days from now.
    expect(net30.expires_at.toISOString()).toBe("2027-03-01T23:30:00.000Z")
    expect(validatePaymentLink(order(), { terms: "net_7" }, at, "America/New_York").due_date).toBe("2027-01-07")
    expect(validatePaymentLink(order(), { due_date: "2027-02-15" }, at, "UTC")).toMatchObject({ terms: "date", due_date: "2027-02-15" })
  })

  it.each([
    [{ terms: "date" }, /need a due_date/],
    [{ terms: "date", due_date: "2027-02-30" }, /not a calendar day/],
    [{ terms: "date", due_date: "2026-12-01" }, /today .* or later/],
    [{ terms: "net_30", due_date: "2027-01-05" }, /only with terms "date"/],
    [{ terms: "net_60", expires_at: "2027-01-10T00:00:00Z" }, /before the due date/],
  ])("refuses terms %j", (request, message) => {
    expect(() => validatePaymentLink(order(), request as never, new Date("2026-12-02T10:00:00Z"), "UTC")).toThrow(message)
  })

  it.each([
    [{ amount: 0 }, /positive/],
    [{ amount: 100.01 }, /outstanding/],
    [{ amount: 10.001 }, /precision/],
    [{ email: "no-at-sign" }, /not a valid email/],
    [{ email: "a@b.test\r\nBcc: evil@x.test" }, /not a valid email/],
    [{ message: "x".repeat(1001) }, /at most 1000/],
    [{ expires_at: new Date(now.getTime() - 1) }, /future/],
    [{ expires_at: new Date(now.getTime() + 366 * DAY) }, /one year/],
    [{ expires_at: "not a date" }, /must be a date/],
  ])("refuses %j", (request, message) => {
    expect(() => validatePaymentLink(order(), request, now)).toThrow(message)
  })

  it("refuses canceled orders and orders with nothing outstanding", () => {
    expect(() => validatePaymentLink(order({ status: "canceled" }), {}, now)).toThrow(/canceled/)
    expect(() => validatePaymentLink(order({ outstanding: 0 }), {}, now)).toThrow(/nothing outstanding/)
  })

  it("keeps JPY whole and KWD at three decimals", () => {
    expect(validatePaymentLink(order({ currency_code: "jpy", outstanding: 5000 }), { amount: 1234 }, now).amount).toBe(1234)
    expect(() => validatePaymentLink(order({ currency_code: "jpy", outstanding: 5000 }), { amount: 12.5 }, now)).toThrow(/precision/)
    expect(validatePaymentLink(order({ currency_code: "kwd", outstanding: 50 }), { amount: 12.35 }, now).amount).toBe(12.35)
  })
})

describe("what a link asks for", () => {
  it("is capped at what the order still owes", () => {
    expect(amountDueByLink(40, 100)).toBe(40)
    expect(amountDueByLink(40, 20)).toBe(20)
    expect(amountDueByLink(0.3, 0.1 + 0.2)).toBe(0.3)
  })

  it("reads the link's state from its status and expiry", () => {
    const future = new Date(now.getTime() + DAY)
    expect(linkState({ status: "sent", expires_at: future }, now)).toBe("open")
    expect(linkState({ status: "viewed", expires_at: future }, now)).toBe("open")
    expect(linkState({ status: "sent", expires_at: now }, now)).toBe("expired")
    expect(linkState({ status: "paid", expires_at: now }, now)).toBe("paid")
    expect(linkState({ status: "canceled", expires_at: future }, now)).toBe("canceled")
  })
})
