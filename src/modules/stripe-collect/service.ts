import { MedusaService } from "@medusajs/framework/utils"
import Activity from "./models/activity"
import PaymentLink from "./models/payment-link"
import StripeConnection from "./models/stripe-connection"

// The plugin's own state: Stripe connection and settings, payment links, activity log.
class StripeCollectModuleService extends MedusaService({
  StripeConnection,
  PaymentLink,
  Activity,
}) {}

export default StripeCollectModuleService
