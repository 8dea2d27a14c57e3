import { auditedChanges, auditedFieldLabel } from "../audited-fields"

describe("audited settings fields", () => {
  it("follows the account, the store name and every address field, and nothing else", () => {
    const before = {
      stripe_account_id: "acct_1",
      store_name: "Acme",
      error_email: "a@acme.test",
      payment_notification_email: null,
      webhook_failure_count: 1,
      oauth_state_hash: "x",
    }
    const after = {
      stripe_account_id: "acct_2",
      store_name: "Acme",
      error_email: "b@acme.test",
      payment_notification_email: "pay@acme.test",
      webhook_failure_count: 5,
      oauth_state_hash: null,
    }
    expect(auditedChanges(before, after)).toEqual([
      { field: "stripe_account_id", from_value: "acct_1", to_value: "acct_2" },
      { field: "error_email", from_value: "a@acme.test", to_value: "b@acme.test" },
      { field: "payment_notification_email", from_value: null, to_value: "pay@acme.test" },
    ])
    expect(auditedChanges(undefined, { store_name: "Acme", error_email: "" })).toEqual([
      { field: "store_name", from_value: null, to_value: "Acme" },
    ])
  })

  it("names fields in the merchant's words, new address fields from their column", () => {
    expect(auditedFieldLabel("stripe_account_id")).toBe("Stripe account")
    expect(auditedFieldLabel("error_email")).toBe("Integration-error address")
    expect(auditedFieldLabel("payment_notification_email")).toBe("Payment notification address")
    expect(auditedFieldLabel("receipt_bcc_emails")).toBe("Receipt bcc address")
  })
})
