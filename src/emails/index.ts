// The plugin's emails: template names, the data each one takes, and the renderer.
export { PAYMENT_LINK_TEMPLATE, type PaymentLinkEmailData } from "./payment-link"
export { INTEGRATION_ERROR_TEMPLATE, type IntegrationErrorEmailData } from "./integration-error"
export { PAYMENT_RECEIVED_TEMPLATE, type PaymentReceivedEmailData } from "./payment-received"
export { LINK_PAID_TEMPLATE, type LinkPaidEmailData } from "./link-paid"
export { DISPUTE_OPENED_TEMPLATE, type DisputeOpenedEmailData } from "./dispute-opened"
export {
  renderEmail,
  isEmailTemplateName,
  EMAIL_TEMPLATE_NAMES,
  type EmailDataByTemplate,
  type EmailTemplateName,
  type RenderedEmail,
} from "./render-email"
