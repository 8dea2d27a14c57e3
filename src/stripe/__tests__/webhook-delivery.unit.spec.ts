import { MedusaError } from "@medusajs/framework/utils"
import { signedDelivery } from "../webhook-delivery"

const body = '{"id":"evt_1","object":"event"}'

describe("signedDelivery: a webhook's raw body and signature, however Medusa hands them over", () => {
  it("takes the raw body as a Buffer, a string, or a Buffer serialized by a queue", () => {
    expect(signedDelivery({ rawData: Buffer.from(body), headers: { "stripe-signature": "t=1,v1=a" } }).rawBody.toString()).toBe(body)
    expect(signedDelivery({ rawData: body, headers: { "stripe-signature": "t=1,v1=a" } }).rawBody).toBe(body)
    const queued = JSON.parse(JSON.stringify({ rawData: Buffer.from(body) }))
    expect(queued.rawData).toEqual({ type: "Buffer", data: expect.any(Array) })
    const fromQueue = signedDelivery({ rawData: queued.rawData, headers: { "stripe-signature": "t=1,v1=a" } }).rawBody
    expect(Buffer.isBuffer(fromQueue)).toBe(true)
    expect(fromQueue.toString()).toBe(body)
  })

  it("finds the signature header whatever its case, and the first of a repeated one", () => {
    expect(signedDelivery({ rawData: body, headers: { "Stripe-Signature": "t=1,v1=a" } }).signature).toBe("t=1,v1=a")
    expect(signedDelivery({ rawData: body, headers: { "stripe-signature": ["t=2,v1=b", "t=3,v1=c"] } }).signature).toBe("t=2,v1=b")
  })

  it.each([
    ["no raw body", { headers: { "stripe-signature": "t=1,v1=a" } }, /raw request body is missing/],
    ["an empty raw body", { rawData: "", headers: { "stripe-signature": "t=1,v1=a" } }, /raw request body is missing/],
    ["an empty Buffer", { rawData: Buffer.alloc(0), headers: { "stripe-signature": "t=1,v1=a" } }, /raw request body is missing/],
    ["a parsed body only", { rawData: null, headers: { "stripe-signature": "t=1,v1=a" } }, /raw request body is missing/],
    ["no signature header", { rawData: body, headers: {} }, /Stripe-Signature header is missing/],
    ["an empty signature header", { rawData: body, headers: { "stripe-signature": "" } }, /Stripe-Signature header is missing/],
    ["no headers at all", { rawData: body }, /Stripe-Signature header is missing/],
  ])("refuses %s with INVALID_DATA naming it", (_name, delivery, message) => {
    let caught: unknown
    try {
      signedDelivery(delivery)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MedusaError)
    expect(caught).toMatchObject({ type: MedusaError.Types.INVALID_DATA, message: expect.stringMatching(message) })
  })
})
