import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INTEGRATION_ERROR_TEMPLATE, type IntegrationErrorEmailData } from "../../../emails"
import { dashboardUrl } from "../../../integration-errors/dashboard-url"
import { DEFAULT_ACTIONS, KIND_TITLES } from "../../../integration-errors/integration-error-kinds"
import type { IntegrationErrorEmailStatus, ReportIntegrationErrorInput } from "../../../integration-errors/types"

export type SendIntegrationErrorEmailInput = {
  error: ReportIntegrationErrorInput
  activity_id: string
  email_to: string
  store_name: string | null
  occurred_at: string
}

export const sendIntegrationErrorEmailStepId = "send-integration-error-email"

/**
 * Emails the error address through Medusa's notification module (channel "email").
 * A failed send is returned as "email_failed", never thrown: the caller is already handling a
 * failure, and the activity log still shows the error on the settings page.
 */
export const sendIntegrationErrorEmailStep = createStep(
  sendIntegrationErrorEmailStepId,
  async (input: SendIntegrationErrorEmailInput, { container }) => {
    const { error } = input
    const data: IntegrationErrorEmailData = {
      store_name: input.store_name,
      what_happened: KIND_TITLES[error.kind] ?? "The Stripe integration failed",
      details: error.message,
      operation: error.operation,
      order_id: error.order_id ?? null,
      order_display_id: error.order_display_id ?? null,
      stripe_request_id: error.stripe_request_id ?? null,
      occurred_at: input.occurred_at,
      what_to_do: error.action || DEFAULT_ACTIONS[error.kind] || "Check the Stripe settings page.",
      dashboard_url: dashboardUrl(container, error.order_id ? `orders/${error.order_id}` : "settings/stripe-collect"),
    }

    let status: IntegrationErrorEmailStatus = "emailed"
    try {
      await container.resolve(Modules.NOTIFICATION).createNotifications({
        to: input.email_to,
        channel: "email",
        template: INTEGRATION_ERROR_TEMPLATE,
        data,
        trigger_type: INTEGRATION_ERROR_TEMPLATE,
        resource_id: error.order_id ?? input.activity_id,
        resource_type: error.order_id ? "order" : "stripe_collect_activity",
        // One email per recorded error, even if this step is retried.
        idempotency_key: `stripe-collect-integration-error-${input.activity_id}`,
      })
    } catch (e) {
      status = "email_failed"
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(`stripe-collect: could not email integration error ${input.activity_id}: ${e instanceof Error ? e.message : String(e)}`)
    }
    return new StepResponse(status)
  }
)
