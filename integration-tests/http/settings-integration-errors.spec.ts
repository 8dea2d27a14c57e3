import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Stripe from "stripe"
import type { ReportIntegrationErrorInput } from "../../src/integration-errors/types"
import { recordWebhookReceivedWorkflow } from "../../src/workflows/record-webhook-received"
import { recordWebhookSignatureFailureWorkflow } from "../../src/workflows/record-webhook-signature-failure"
import { reportIntegrationErrorWorkflow } from "../../src/workflows/report-integration-error"
import { createAdminHeaders } from "../helpers/admin"
import { createUnpaidOrder } from "../helpers/orders"
import { SANDBOX_API_KEY, useSandbox } from "../helpers/sandbox"

jest.setTimeout(300_000)

const sandbox = useSandbox()

type ErrorRow = { kind: string; email_status: string; order_id: string | null; order_display_id: number | null }

/** A real Stripe call that the sandbox makes fail; returns Stripe's error. */
async function failingStripeCall(): Promise<InstanceType<typeof Stripe.errors.StripeError>> {
  sandbox.current().addFault({
    method: "GET",
    path: "/v1/account",
    status: 500,
    error: { type: "api_error", message: "An unexpected error occurred in the sandbox" },
  })
  const stripe = new Stripe(SANDBOX_API_KEY, { ...sandbox.current().stripe, maxNetworkRetries: 0 })
  const error = await stripe.accounts.retrieveCurrent({}, { maxNetworkRetries: 0 }).then(
    () => {
      throw new Error("the sandbox fault did not apply")
    },
    (e: unknown) => e
  )
  if (!(error instanceof Stripe.errors.StripeError)) throw error
  return error
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>

    const report = (input: ReportIntegrationErrorInput) =>
      reportIntegrationErrorWorkflow(getContainer())
        .run({ input })
        .then(({ result }) => result)

    const recentErrors = async (): Promise<ErrorRow[]> =>
      (await api.get("/admin/stripe-collect/settings", { headers })).data.settings.recent_errors

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
      sandbox.current().reset()
      await api.post("/admin/stripe-collect/settings", { store_name: "Acme", error_email: "alerts@acme.test" }, { headers })
      sandbox.current().reset()
    })

    it("emails a forced Stripe failure once per throttle window, with the order id and Stripe's request id", async () => {
      const container = getContainer()
      const order = await createUnpaidOrder(container)
      const stripeError = await failingStripeCall()
      expect(stripeError.requestId).toMatch(/^req_/)

      const failure: ReportIntegrationErrorInput = {
        kind: "charge_failed",
        operation: "Charge card",
        order_id: order.id,
        order_display_id: order.display_id,
        stripe_request_id: stripeError.requestId,
        message: stripeError.message,
      }
      const first = await report(failure)
      // The same failure again, and a burst of it at once: recorded, not emailed.
      const again = await report(failure)
      const burst = await Promise.all([report(failure), report(failure), report(failure)])

      expect(first.status).toBe("emailed")
      expect([again, ...burst].map((r) => r.status)).toEqual(["throttled", "throttled", "throttled", "throttled"])

      const emails = sandbox.current().emails()
      expect(emails).toHaveLength(1)
      const [email] = emails
      expect(email.to).toEqual(["alerts@acme.test"])
      expect(email.subject).toContain("A charge failed")
      for (const body of [email.text ?? "", email.html ?? ""]) {
        expect(body).toContain(order.id)
        expect(body).toContain(stripeError.requestId)
        expect(body).toContain("Charge card")
      }

      const rows = await recentErrors()
      expect(rows).toHaveLength(5)
      expect(rows.filter((r) => r.email_status === "emailed")).toHaveLength(1)
      expect(rows[0]).toMatchObject({ kind: "charge_failed", order_id: order.id, order_display_id: order.display_id })
    })

    it("throttles per kind of error: a different failure still gets its own email", async () => {
      await report({ kind: "charge_failed", operation: "Charge card", message: "declined by a bug" })
      await report({ kind: "email_not_sent", operation: "Send payment link", message: "Resend said no" })
      await report({ kind: "charge_failed", operation: "Charge card", message: "again" })

      const subjects = sandbox
        .current()
        .emails()
        .map((e) => e.subject)
      expect(subjects).toHaveLength(2)
      expect(subjects.join(" | ")).toContain("A charge failed")
      expect(subjects.join(" | ")).toContain("An email could not be sent")
    })

    it("emails the same kind again once 15 minutes have passed since the last email", async () => {
      await report({ kind: "payment_not_recorded", operation: "Record payment", message: "db down" })
      // Move the emailed error 16 minutes into the past, as if the window had run out.
      await dbConnection.raw(
        `update stripe_collect_activity set created_at = now() - interval '16 minutes' where kind = 'error' and status = 'emailed'`
      )
      const later = await report({ kind: "payment_not_recorded", operation: "Record payment", message: "db down again" })
      expect(later.status).toBe("emailed")
      expect(sandbox.current().emails()).toHaveLength(2)
    })

    it("keeps trying to email after a failed send instead of counting it against the window", async () => {
      sandbox.current().addFault({ method: "POST", path: "/emails", status: 500, times: "always" })
      const failed = await report({ kind: "charge_failed", operation: "Charge card", message: "x" })
      expect(failed.status).toBe("email_failed")

      sandbox.current().clearFaults()
      const retried = await report({ kind: "charge_failed", operation: "Charge card", message: "y" })
      expect(retried.status).toBe("emailed")
      expect(sandbox.current().emails()).toHaveLength(1)
    })

    it("records the error without an email when no error address was saved", async () => {
      await dbConnection.raw(`update stripe_collect_connection set error_email = null`)
      const result = await report({ kind: "charge_failed", operation: "Charge card", message: "x" })
      expect(result.status).toBe("no_recipient")
      expect(sandbox.current().emails()).toHaveLength(0)
      expect((await recentErrors())[0].email_status).toBe("no_recipient")
    })

    it("tracks webhook health and alerts after repeated signature failures", async () => {
      const container = getContainer()
      await recordWebhookReceivedWorkflow(container).run()
      let settings = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings
      expect(Date.parse(settings.webhook.last_event_at)).not.toBeNaN()
      expect(settings.webhook.recent_signature_failures).toBe(0)

      for (let i = 0; i < 4; i++) {
        await recordWebhookSignatureFailureWorkflow(container).run({
          input: { message: "No signatures found matching the expected signature for payload" },
        })
      }
      settings = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings
      expect(settings.webhook.recent_signature_failures).toBe(4)
      expect(Date.parse(settings.webhook.last_signature_failure_at)).not.toBeNaN()
      // Failures 3 and 4 are reported; the second is within the window.
      expect(settings.recent_errors.map((e: ErrorRow) => [e.kind, e.email_status])).toEqual([
        ["webhook_signature_failing", "throttled"],
        ["webhook_signature_failing", "emailed"],
      ])
      const emails = sandbox.current().emails()
      expect(emails).toHaveLength(1)
      expect(emails[0].subject).toContain("webhooks fail their signature check")

      await recordWebhookReceivedWorkflow(container).run()
      settings = (await api.get("/admin/stripe-collect/settings", { headers })).data.settings
      expect(settings.webhook.recent_signature_failures).toBe(0)
    })
  },
})
