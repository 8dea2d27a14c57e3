import { AbstractNotificationProviderService } from "@medusajs/framework/utils"
import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { Resend, type CreateEmailOptions } from "resend"
import { renderEmail } from "../../emails"
import { idempotencyKeyFor, type SentNotification } from "./idempotency-key"
import { parseResendOptions, type ResendOptions, type ValidResendOptions } from "./options"
import { isTransientResendError, toMedusaError } from "./resend-error"

type InjectedDependencies = { logger: Logger }

// Resend allows 2 requests a second by default: a short, bounded wait rides out a burst.
const MAX_ATTEMPTS = 3
const MAX_RETRY_DELAY_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function retryDelayMs(attempt: number, headers: Record<string, string> | null): number {
  const retryAfterSeconds = Number(headers?.["retry-after"])
  const delay = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 500 * attempt
  return Math.min(delay, MAX_RETRY_DELAY_MS)
}

/** Sends the plugin's emails through Resend for Medusa's notification module (channel "email"). */
class ResendNotificationProviderService extends AbstractNotificationProviderService {
  static identifier = "resend"

  protected readonly options_: ValidResendOptions
  protected readonly client_: Resend
  protected readonly logger_: Logger

  static validateOptions(options: Record<string, unknown>): void {
    parseResendOptions(options)
  }

  constructor({ logger }: InjectedDependencies, options: ResendOptions) {
    super()
    this.logger_ = logger
    this.options_ = parseResendOptions(options)
    // Built once: the client holds the key and base URL; every send reuses it.
    this.client_ = new Resend(this.options_.api_key, this.options_.baseUrl ? { baseUrl: this.options_.baseUrl } : undefined)
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const sent: SentNotification = notification
    // Content rendered by the sender (a payment link: its URL is in the content only, never in the stored data).
    const email =
      notification.content?.subject && (notification.content.html || notification.content.text)
        ? { subject: notification.content.subject, html: notification.content.html ?? "", text: notification.content.text ?? "" }
        : await renderEmail(notification.template, notification.data ?? {})
    const message: CreateEmailOptions = {
      from: notification.from?.trim() || this.options_.from,
      to: notification.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      // Medusa's attachments (base64 content) as Resend takes them: an invoice PDF, a receipt.
      ...(notification.attachments?.length
        ? {
            attachments: notification.attachments.map((a) => ({
              filename: a.filename,
              content: a.content,
              ...(a.content_type ? { contentType: a.content_type } : {}),
            })),
          }
        : {}),
    }
    const idempotencyKey = idempotencyKeyFor(sent)

    for (let attempt = 1; ; attempt++) {
      const { data, error, headers } = await this.client_.emails.send(message, { idempotencyKey })
      if (!error) {
        return { id: data.id }
      }
      // The SDK returns errors instead of throwing: a refusal must fail the notification, never pass as sent.
      if (!isTransientResendError(error) || attempt >= MAX_ATTEMPTS) {
        throw toMedusaError(error, { template: notification.template, notificationId: sent.id })
      }
      const delay = retryDelayMs(attempt, headers)
      this.logger_.warn(`Resend could not take the "${notification.template}" email yet (${error.name}); retrying in ${delay} ms`)
      await sleep(delay)
    }
  }
}

export default ResendNotificationProviderService
