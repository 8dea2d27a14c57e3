import { DISPUTE_OPENED_TEMPLATE, renderEmail } from "../index"

describe("payment disputed email (to the merchant)", () => {
  it("gives the amount, order, Stripe's reason, the evidence due date and where to respond", async () => {
    const email = await renderEmail(DISPUTE_OPENED_TEMPLATE, {
      store_name: "Acme Outfitters",
      order_display_id: 1001,
      dispute_id: "dp_123",
      amount: 100,
      currency_code: "usd",
      reason: "fraudulent",
      status: "needs response",
      evidence_due_by: "2026-12-10T00:00:00Z",
      stripe_dashboard_url: "https://dashboard.stripe.com/test/disputes/dp_123",
      order_url: "https://shop.example/app/orders/order_123",
    })

    expect(email.subject).toBe("Payment disputed: $100.00 on order #1001")
    expect(email.text).toContain("A customer disputed $100.00 for order #1001 with their bank (dp_123).")
    expect(email.text).toContain("by December 10, 2026")
    expect(email.text).toMatch(/Reason\s+fraudulent/)
    expect(email.text).toMatch(/Evidence due\s+December 10, 2026/)
    expect(email.html).toContain('href="https://dashboard.stripe.com/test/disputes/dp_123"')
    expect(email.html).toContain('href="https://shop.example/app/orders/order_123"')
  })

  it("calls an inquiry an inquiry", async () => {
    const email = await renderEmail(DISPUTE_OPENED_TEMPLATE, {
      dispute_id: "dp_456",
      inquiry: true,
      amount: 5,
      currency_code: "eur",
      reason: "general",
      status: "warning needs response",
    })
    expect(email.subject).toBe("A customer's bank asks about €5.00 (payment disputed, inquiry)")
    expect(email.text).toContain("Payment inquiry opened")
    expect(email.text).not.toContain("Evidence due")
  })
})
