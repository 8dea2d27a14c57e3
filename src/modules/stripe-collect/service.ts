import { MedusaService } from "@medusajs/framework/utils"
import Activity from "./models/activity"
import PaymentAttempt from "./models/payment-attempt"
import PaymentLink from "./models/payment-link"
import StripeConnection from "./models/stripe-connection"
import StripeEvent from "./models/stripe-event"

// The plugin's own state: Stripe connection and settings, payment links, the ledger of payment attempts, verified Stripe events, activity log.
class StripeCollectModuleService extends MedusaService({
  StripeConnection,
  PaymentLink,
  PaymentAttempt,
  StripeEvent,
  Activity,
}) {}

export default StripeCollectModuleService
