import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules, NotificationStatus } from "@medusajs/framework/utils"
import type { INotificationModuleService } from "@medusajs/framework/types"
import { PAYMENT_LINK_TEMPLATE, type PaymentLinkEmailData } from "../../src/emails"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

// Starts before the app boots, so medusa-config.ts registers the Resend provider against the sandbox.
const sandbox = useSandbox()

const payUrl = "http://localhost:9000/stripe-collect/pay/Yk3v9QpR2mXa7LcT1bWf"

const invoice: PaymentLinkEmailData = {
  store_name: "Acme Outfitters",
  order_display_id: 1001,
  order_date: "2026-11-20T10:00:00.000Z",
  customer_name: "Jane Doe",
  items: [{ title: "Rain jacket", variant_title: "M / Navy", quantity: 2, unit_price: 45, total: 90 }],
  shipping_total: 10,
  discount_total: 0,
  tax_total: 0,
  order_total: 100,
  paid_total: 0,
  amount_due: 40,
  currency_code: "usd",
  message: "Thanks! <script>alert(1)</script>",
  pay_url: payUrl,
  expires_at: "2026-12-20T10:00:00.000Z",
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let notifications: INotificationModuleService

    beforeEach(() => {
      notifications = getContainer().resolve(Modules.NOTIFICATION)
      sandbox.current().reset()
    })

    it("delivers the payment-link invoice to the Resend inbox and records it as sent", async () => {
      const notification = await notifications.createNotifications({
        to: "jane@example.com",
        channel: "email",
        template: PAYMENT_LINK_TEMPLATE,
        data: invoice,
      })

      expect(notification.provider_id).toBe("resend")
      expect(notification.status).toBe(NotificationStatus.SUCCESS)

      const inbox = sandbox.current().emails()
      expect(inbox).toHaveLength(1)
      const [email] = inbox
      expect(notification.external_id).toBe(email.id)
      expect(email.to).toEqual(["jane@example.com"])
      expect(email.from).toBe("Store <payments@stripe-collect.test>")
      expect(email.subject).toBe("Invoice for order #1001 from Acme Outfitters: $40.00 due")
      expect(email.idempotencyKey).toBe(`medusa-notification/${notification.id}`)

      expect(email.html).toContain(`href="${payUrl}"`)
      expect(email.html).toContain("Rain jacket (M / Navy)")
      expect(email.html).toContain("Thanks! &lt;script&gt;alert(1)&lt;/script&gt;")
      expect(email.html).not.toContain("<script")
      expect(email.text).toMatch(/Amount due by this link\s+\$40\.00/)
      expect(email.text).toMatch(/Order total\s+\$100\.00/)
      expect(email.text).toContain("Thanks! <script>alert(1)</script>")
      expect(email.text).toContain("This payment link expires on December 20, 2026")
      expect(email.text).toContain(payUrl)

      const stored = await notifications.retrieveNotification(notification.id)
      expect(stored.status).toBe(NotificationStatus.SUCCESS)
    })

    it("fails the notification when Resend refuses the email, and nothing is delivered", async () => {
      const attempt = notifications.createNotifications({
        to: "not-an-email-address",
        channel: "email",
        template: PAYMENT_LINK_TEMPLATE,
        data: invoice,
        idempotency_key: "payment-link/plink_refused/sent",
      })

      await expect(attempt).rejects.toThrow(/Failed to send notification with id noti_/)
      await expect(attempt).rejects.toThrow(/Resend did not send the "stripe-collect\.payment-link" email/)
      await expect(attempt).rejects.toThrow(/HTTP 422/)

      const stored = await notifications.listNotifications({ to: "not-an-email-address" })
      expect(stored).toHaveLength(1)
      expect(stored[0].status).toBe(NotificationStatus.FAILURE)
      expect(stored[0].external_id).toBeNull()
      expect(sandbox.current().emails()).toHaveLength(0)
    })

    it("fails the notification when Resend keeps answering with a server error", async () => {
      sandbox.current().addFault({
        method: "POST",
        path: "/emails",
        status: 500,
        error: { statusCode: 500, name: "application_error", message: "Injected outage" },
        times: "always",
      })

      await expect(
        notifications.createNotifications({
          to: "outage@example.com",
          channel: "email",
          template: PAYMENT_LINK_TEMPLATE,
          data: invoice,
          idempotency_key: "payment-link/plink_outage/sent",
        })
      ).rejects.toThrow(/Injected outage \[application_error, HTTP 500\]/)

      const stored = await notifications.listNotifications({ to: "outage@example.com" })
      expect(stored).toHaveLength(1)
      expect(stored[0].status).toBe(NotificationStatus.FAILURE)
      expect(sandbox.current().emails()).toHaveLength(0)
    })

    it("rides out one transient Resend failure and delivers exactly one email", async () => {
      sandbox.current().addFault({
        method: "POST",
        path: "/emails",
        status: 503,
        error: { statusCode: 503, name: "application_error", message: "Briefly unavailable" },
        times: 1,
      })

      const notification = await notifications.createNotifications({
        to: "jane@example.com",
        channel: "email",
        template: PAYMENT_LINK_TEMPLATE,
        data: { ...invoice, reminder: true },
      })

      expect(notification.status).toBe(NotificationStatus.SUCCESS)
      const inbox = sandbox.current().emails()
      expect(inbox).toHaveLength(1)
      expect(inbox[0].subject).toBe("Reminder: $40.00 due for order #1001 from Acme Outfitters")
    })

    it("fails the notification for a template the plugin does not know", async () => {
      await expect(
        notifications.createNotifications({
          to: "jane@example.com",
          channel: "email",
          template: "order.placed",
          data: {},
        })
      ).rejects.toThrow(/Unknown email template "order\.placed"/)
      expect(sandbox.current().emails()).toHaveLength(0)
    })
  },
})
