// The plugin's emails: template names, the data each one takes, and the renderer.
export { PAYMENT_LINK_TEMPLATE, type PaymentLinkEmailData } from "./payment-link"
export { INTEGRATION_ERROR_TEMPLATE, type IntegrationErrorEmailData } from "./integration-error"
export { PAYMENT_RECEIVED_TEMPLATE, type PaymentReceivedEmailData } from "./payment-received"
export {
  renderEmail,
  isEmailTemplateName,
  EMAIL_TEMPLATE_NAMES,
  type EmailDataByTemplate,
  type EmailTemplateName,
  type RenderedEmail,
} from "./render-email"
