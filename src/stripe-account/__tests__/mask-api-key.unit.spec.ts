import fc from "fast-check"
import { maskApiKey } from "../mask-api-key"

describe("maskApiKey", () => {
  it("keeps Stripe's prefix and the last four characters", () => {
    expect(maskApiKey("sk_test_51Habcdefghijklmnopqrstuvwxyzabcd")).toBe("sk_test_…abcd")
    expect(maskApiKey("rk_live_51Hzyxwvutsrqponmlkjihgfedcba9876")).toBe("rk_live_…9876")
  })

  it("reveals nothing of a short or unprefixed key beyond its last four", () => {
    expect(maskApiKey("sk_test_short")).toBe("sk_test_…")
    expect(maskApiKey("whatever-secret-value-1234")).toBe("…1234")
  })

  it("says there is no key when none is configured", () => {
    expect(maskApiKey(undefined)).toBeNull()
    expect(maskApiKey("")).toBeNull()
  })

  it("never contains more than four characters of the secret part", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("sk_test_", "sk_live_", "rk_test_", ""),
        fc.string({ minLength: 1, maxLength: 120 }),
        (prefix, secret) => {
          const key = prefix + secret
          const masked = maskApiKey(key) ?? ""
          expect(masked).toMatch(/^((sk|rk)_(test|live)_)?…/)
          const shown = masked.slice(masked.indexOf("…") + 1)
          expect(shown.length).toBeLessThanOrEqual(4)
          expect(key.endsWith(shown)).toBe(true)
        }
      )
    )
  })
})
