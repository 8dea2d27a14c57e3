import { digest, idempotencyKey } from "../../../stripe/idempotency"
import { ourSessionId, storefrontMetadata, stripeCollectMetadata } from "../metadata"

describe("idempotencyKey", () => {
  it("names the operation before our ids, so one Medusa key serves several operations", () => {
    expect(idempotencyKey("initiate", "payses_1")).toBe("stripe-collect:initiate:payses_1")
    expect(idempotencyKey("confirm", "payses_1", "pm_1")).toBe("stripe-collect:confirm:payses_1:pm_1")
    expect(idempotencyKey("initiate", "payses_1")).not.toBe(idempotencyKey("confirm", "payses_1"))
  })

  it("skips missing parts and is deterministic", () => {
    expect(idempotencyKey("capture", "pi_1", undefined, null, "", 0)).toBe("stripe-collect:capture:pi_1:0")
    expect(idempotencyKey("refund", "refund_1")).toBe(idempotencyKey("refund", "refund_1"))
  })

  it("stays within Stripe's 255 characters and still tells long keys apart", () => {
    const a = idempotencyKey("update", "x".repeat(300), "a")
    const b = idempotencyKey("update", "x".repeat(300), "b")
    expect(a.length).toBeLessThanOrEqual(255)
    expect(b.length).toBeLessThanOrEqual(255)
    expect(a).not.toBe(b)
  })
})

describe("digest", () => {
  it("ignores key order and undefined values, and changes with any value", () => {
    expect(digest({ a: 1, b: { c: "x", d: undefined } })).toBe(digest({ b: { c: "x" }, a: 1 }))
    expect(digest({ amount: 100 })).not.toBe(digest({ amount: 101 }))
    expect(digest([1, 2])).not.toBe(digest([2, 1]))
  })
})

describe("stripeCollectMetadata / ourSessionId", () => {
  it("marks our objects with the plugin marker and the session id", () => {
    const metadata = stripeCollectMetadata("payses_1", { order_id: "order_1", display: 42, empty: "", none: null })
    expect(metadata).toEqual({ order_id: "order_1", display: "42", stripe_collect: "1", session_id: "payses_1" })
    expect(ourSessionId(metadata)).toBe("payses_1")
  })

  it("cannot be overridden by extra references", () => {
    const metadata = stripeCollectMetadata("payses_1", { session_id: "payses_evil", stripe_collect: "0" })
    expect(metadata.session_id).toBe("payses_1")
    expect(metadata.stripe_collect).toBe("1")
  })

  it("never carries a session id it was not given", () => {
    expect(stripeCollectMetadata(undefined, { session_id: "payses_evil" })).toEqual({ stripe_collect: "1" })
  })

  it("trims extra references to Stripe's limits", () => {
    const metadata = stripeCollectMetadata("payses_1", { ["k".repeat(60)]: "v".repeat(600) })
    const [key] = Object.keys(metadata)
    expect(key).toHaveLength(40)
    expect(metadata[key]).toHaveLength(500)
  })

  it("does not claim objects of other integrations", () => {
    expect(ourSessionId({ session_id: "payses_1" })).toBeUndefined()
    expect(ourSessionId({ stripe_collect: "1" })).toBeUndefined()
    expect(ourSessionId({ stripe_collect: "true", session_id: "payses_1" })).toBeUndefined()
    expect(ourSessionId(null)).toBeUndefined()
    expect(ourSessionId(undefined)).toBeUndefined()
  })
})

describe("storefrontMetadata", () => {
  it("prefixes every key, keeps text, numbers and booleans as strings, drops the rest", () => {
    expect(storefrontMetadata({ order_id: "order_1", count: 2, gift: false, nested: { a: 1 }, none: null })).toEqual({
      storefront_order_id: "order_1",
      storefront_count: "2",
      storefront_gift: "false",
    })
  })

  it("is empty for anything that is not a plain object", () => {
    expect(storefrontMetadata(undefined)).toEqual({})
    expect(storefrontMetadata("order_id=1")).toEqual({})
    expect(storefrontMetadata(["a"])).toEqual({})
  })
})
