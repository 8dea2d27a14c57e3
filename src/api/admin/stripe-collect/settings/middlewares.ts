import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { EmptyBody, SaveLinkPaymentMethodsBody, SaveReminderSettingsBody, SaveStripeSettingsBody } from "./validators"

// Validators of the Settings → Stripe routes: settings, Connect OAuth and disconnect.
export const settingsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/settings",
    middlewares: [validateAndTransformBody(SaveStripeSettingsBody)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/settings/payment-methods",
    middlewares: [validateAndTransformBody(SaveLinkPaymentMethodsBody)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/settings/reminders",
    middlewares: [validateAndTransformBody(SaveReminderSettingsBody)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/connect",
    middlewares: [validateAndTransformBody(EmptyBody)],
  },
  {
    method: ["POST"],
    matcher: "/admin/stripe-collect/disconnect",
    middlewares: [validateAndTransformBody(EmptyBody)],
  },
]
