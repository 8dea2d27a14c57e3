import { MedusaError } from "@medusajs/framework/utils"
import ResendNotificationProviderService from "../service"
import { parseResendOptions } from "../options"

const valid = { api_key: "re_test_123", from: "Acme <payments@acme.example>" }

describe("Resend provider options", () => {
  it("accepts an API key and a sender, with or without a display name", () => {
    expect(() => ResendNotificationProviderService.validateOptions(valid)).not.toThrow()
    expect(() => ResendNotificationProviderService.validateOptions({ ...valid, from: "payments@acme.example" })).not.toThrow()
  })

  it("accepts the channels Medusa's notification module reads from the same options", () => {
    expect(parseResendOptions({ ...valid, channels: ["email"] })).toMatchObject(valid)
  })

  it("takes an optional base URL for a Resend-compatible API and drops its trailing slash", () => {
    expect(parseResendOptions({ ...valid, baseUrl: "http://127.0.0.1:4010/" }).baseUrl).toBe("http://127.0.0.1:4010")
    expect(parseResendOptions({ ...valid, baseUrl: undefined }).baseUrl).toBeUndefined()
  })

  it.each([
    ["no API key", { from: valid.from }, /api_key: Set the Resend API key \(RESEND_API_KEY\)/],
    ["an empty API key", { ...valid, api_key: "  " }, /api_key: Set the Resend API key/],
    ["no sender", { api_key: valid.api_key }, /from: Set the sender address/],
    ["a sender that is not an address", { ...valid, from: "Acme Payments" }, /from: Expected an email address/],
    ["a named sender without an address", { ...valid, from: "Acme <payments>" }, /from: Expected an email address/],
    ["a base URL that is not a URL", { ...valid, baseUrl: "localhost:4010" }, /baseUrl/],
    ["a base URL that is not http(s)", { ...valid, baseUrl: "ftp://mail.example" }, /baseUrl/],
  ])("refuses %s with a MedusaError naming the field", (_case, options, message) => {
    let thrown: unknown
    try {
      ResendNotificationProviderService.validateOptions(options)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MedusaError)
    expect(thrown).toMatchObject({ type: MedusaError.Types.INVALID_DATA })
    expect((thrown as Error).message).toMatch(/^Resend notification provider options are invalid: /)
    expect((thrown as Error).message).toMatch(message)
  })

  it("names every bad field at once", () => {
    expect(() => ResendNotificationProviderService.validateOptions({})).toThrow(/api_key: .*; from: /)
  })
})
