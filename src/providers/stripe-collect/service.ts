import {
  AbstractPaymentProvider,
  MedusaError,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"

export type StripeCollectOptions = Record<string, unknown>

function notImplemented(method: string): never {
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `stripe-collect: ${method} is not implemented yet`
  )
}

// Placeholder until the provider issue lands: registered and loadable, every method refuses.
class StripeCollectProviderService extends AbstractPaymentProvider<StripeCollectOptions> {
  static identifier = "stripe-collect"

  constructor(container: Record<string, unknown>, options: StripeCollectOptions) {
    super(container, options)
  }

  async initiatePayment(_input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    return notImplemented("initiatePayment")
  }
  async authorizePayment(_input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return notImplemented("authorizePayment")
  }
  async capturePayment(_input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return notImplemented("capturePayment")
  }
  async refundPayment(_input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return notImplemented("refundPayment")
  }
  async cancelPayment(_input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return notImplemented("cancelPayment")
  }
  async deletePayment(_input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return notImplemented("deletePayment")
  }
  async retrievePayment(_input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return notImplemented("retrievePayment")
  }
  async updatePayment(_input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return notImplemented("updatePayment")
  }
  async getPaymentStatus(_input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return notImplemented("getPaymentStatus")
  }
  async getWebhookActionAndData(
    _payload: ProviderWebhookPayload["payload"]
  ): Promise<WebhookActionResult> {
    return notImplemented("getWebhookActionAndData")
  }
}

export default StripeCollectProviderService
