// Integration-error reporting and webhook health, for the charge, payment-link and webhook code.
export { reportIntegrationErrorWorkflow, reportIntegrationErrorWorkflowId } from "./report-integration-error-workflow"
export { reportIntegrationError } from "./report-integration-error"
export {
  recordWebhookReceivedWorkflow,
  recordWebhookSignatureFailureWorkflow,
  WEBHOOK_FAILURES_BEFORE_ALERT,
  type WebhookSignatureFailureInput,
} from "./record-webhook-health-workflows"
export {
  INTEGRATION_ERROR_KINDS,
  INTEGRATION_ERROR_EMAIL_WINDOW_MS,
  DEFAULT_ACTIONS,
  KIND_TITLES,
  type IntegrationErrorKind,
} from "./integration-error-kinds"
export type { ReportIntegrationErrorInput, IntegrationErrorEmailStatus } from "./types"
