import { MedusaError } from "@medusajs/framework/utils"
import {
  DISPUTE_OPENED_TEMPLATE,
  EMAIL_TEMPLATE_NAMES,
  INTEGRATION_ERROR_TEMPLATE,
  LINK_PAID_TEMPLATE,
  PAYMENT_LINK_TEMPLATE,
  PAYMENT_RECEIVED_TEMPLATE,
  renderEmail,
} from "../index"

describe("renderEmail", () => {
  it("knows the plugin's five templates by their names", () => {
    expect(PAYMENT_LINK_TEMPLATE).toBe("stripe-collect.payment-link")
    expect(INTEGRATION_ERROR_TEMPLATE).toBe("stripe-collect.integration-error")
    expect(PAYMENT_RECEIVED_TEMPLATE).toBe("stripe-collect.payment-received")
    expect(LINK_PAID_TEMPLATE).toBe("stripe-collect.link-paid")
    expect(DISPUTE_OPENED_TEMPLATE).toBe("stripe-collect.dispute-opened")
    expect([...EMAIL_TEMPLATE_NAMES].sort()).toEqual(
      [INTEGRATION_ERROR_TEMPLATE, PAYMENT_LINK_TEMPLATE, PAYMENT_RECEIVED_TEMPLATE, LINK_PAID_TEMPLATE, DISPUTE_OPENED_TEMPLATE].sort()
    )
  })

  it("refuses an unknown template with a MedusaError that lists the known ones", async () => {
    const attempt = renderEmail("order.placed", {})
    await expect(attempt).rejects.toBeInstanceOf(MedusaError)
    await expect(attempt).rejects.toMatchObject({ type: MedusaError.Types.INVALID_DATA })
    await expect(attempt).rejects.toThrow(
      'Unknown email template "order.placed". Known templates: stripe-collect.payment-link, stripe-collect.integration-error, stripe-collect.payment-received, stripe-collect.link-paid, stripe-collect.dispute-opened'
    )
  })

  it("refuses data a template's schema rejects, as invalid data", async () => {
    await expect(renderEmail(PAYMENT_RECEIVED_TEMPLATE, null)).rejects.toMatchObject({
      type: MedusaError.Types.INVALID_DATA,
    })
  })
})
