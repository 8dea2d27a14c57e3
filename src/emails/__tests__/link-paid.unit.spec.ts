import { LINK_PAID_TEMPLATE, renderEmail } from "../index"

describe("payment link paid email (to the merchant)", () => {
  it("says who paid how much for which order, with what, what is left, and links to the order", async () => {
    const email = await renderEmail(LINK_PAID_TEMPLATE, {
      store_name: "Acme Outfitters",
      order_display_id: 1001,
      customer_name: "Jane Doe",
      customer_email: "jane@example.test",
      amount_paid: 40,
      remaining_balance: 60,
      currency_code: "usd",
      payment_method: "Visa •••• 4242",
      paid_at: "2026-11-26T09:05:00Z",
      order_url: "https://shop.example/app/orders/order_123",
    })

    expect(email.subject).toBe("Payment link paid: $40.00 for order #1001")
    expect(email.text).toContain("Jane Doe paid $40.00 for order #1001 with its payment link. $60.00 is left to pay.")
    expect(email.text).toMatch(/Paid with\s+Visa •••• 4242/)
    expect(email.text).toMatch(/Left to pay\s+\$60\.00/)
    expect(email.html).toContain('href="https://shop.example/app/orders/order_123"')
    expect(email.text).toContain("Sent by the Stripe Collect plugin of Acme Outfitters.")
  })

  it("names the payer by email when the order has no name, and says when nothing is left", async () => {
    const email = await renderEmail(LINK_PAID_TEMPLATE, {
      order_display_id: "7",
      customer_email: "guest@example.test",
      amount_paid: 14080,
      remaining_balance: 0,
      currency_code: "jpy",
      paid_at: "2026-11-26T09:05:00Z",
    })
    expect(email.subject).toBe("Payment link paid: ¥14,080 for order #7")
    expect(email.text).toContain("guest@example.test paid ¥14,080 for order #7 with its payment link. The order is now paid in full.")
    expect(email.html).not.toContain("Open the order")
  })

  it("refuses a javascript: order link", async () => {
    await expect(
      renderEmail(LINK_PAID_TEMPLATE, {
        order_display_id: 1,
        amount_paid: 1,
        remaining_balance: 0,
        currency_code: "usd",
        paid_at: "2026-11-26T09:05:00Z",
        order_url: "javascript:alert(1)",
      })
    ).rejects.toThrow(/order_url/)
  })
})
