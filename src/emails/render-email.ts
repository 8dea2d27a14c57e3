import { createElement, type ReactElement } from "react"
import { render } from "@react-email/render"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import {
  INTEGRATION_ERROR_TEMPLATE,
  IntegrationErrorEmail,
  integrationErrorEmailDataSchema,
  integrationErrorSubject,
  type IntegrationErrorEmailData,
} from "./integration-error"
import {
  PAYMENT_LINK_TEMPLATE,
  PaymentLinkEmail,
  paymentLinkEmailDataSchema,
  paymentLinkSubject,
  type PaymentLinkEmailData,
} from "./payment-link"
import {
  PAYMENT_RECEIVED_TEMPLATE,
  PaymentReceivedEmail,
  paymentReceivedEmailDataSchema,
  paymentReceivedSubject,
  type PaymentReceivedEmailData,
} from "./payment-received"
import { LINK_PAID_TEMPLATE, LinkPaidEmail, linkPaidEmailDataSchema, linkPaidSubject, type LinkPaidEmailData } from "./link-paid"
import {
  DISPUTE_OPENED_TEMPLATE,
  DisputeOpenedEmail,
  disputeOpenedEmailDataSchema,
  disputeOpenedSubject,
  type DisputeOpenedEmailData,
} from "./dispute-opened"

export type RenderedEmail = { subject: string; html: string; text: string }

/** The data each template takes, by template name. */
export type EmailDataByTemplate = {
  [PAYMENT_LINK_TEMPLATE]: PaymentLinkEmailData
  [INTEGRATION_ERROR_TEMPLATE]: IntegrationErrorEmailData
  [PAYMENT_RECEIVED_TEMPLATE]: PaymentReceivedEmailData
  [LINK_PAID_TEMPLATE]: LinkPaidEmailData
  [DISPUTE_OPENED_TEMPLATE]: DisputeOpenedEmailData
}

export type EmailTemplateName = keyof EmailDataByTemplate

type EmailTemplate<Schema extends z.ZodType> = {
  schema: Schema
  subject: (data: z.output<Schema>) => string
  body: (data: z.output<Schema>) => ReactElement
}

// Headings keep their case in the plain-text version; html-to-text shouts them by default.
const plainTextOptions = {
  selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
}

// Ties each schema to its own subject and body, so a template can only receive data its schema checked.
function template<Schema extends z.ZodType>(definition: EmailTemplate<Schema>) {
  return async (data: unknown, name: string): Promise<RenderedEmail> => {
    const parsed = definition.schema.safeParse(data)
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(data)"}: ${issue.message}`).join("; ")
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Email template "${name}" got invalid data: ${fields}`)
    }
    const element = definition.body(parsed.data)
    const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: plainTextOptions })])
    return { subject: singleLine(definition.subject(parsed.data)), html, text }
  }
}

/** A subject is one line whatever the data holds (a store name with a line break must not start a new header). */
export function singleLine(subject: string): string {
  return subject.replace(/[\s\u0085\u2028\u2029]+/g, " ").trim()
}

const templates: Record<EmailTemplateName, (data: unknown, name: string) => Promise<RenderedEmail>> = {
  [PAYMENT_LINK_TEMPLATE]: template({
    schema: paymentLinkEmailDataSchema,
    subject: paymentLinkSubject,
    body: (data) => createElement(PaymentLinkEmail, data),
  }),
  [INTEGRATION_ERROR_TEMPLATE]: template({
    schema: integrationErrorEmailDataSchema,
    subject: integrationErrorSubject,
    body: (data) => createElement(IntegrationErrorEmail, data),
  }),
  [PAYMENT_RECEIVED_TEMPLATE]: template({
    schema: paymentReceivedEmailDataSchema,
    subject: paymentReceivedSubject,
    body: (data) => createElement(PaymentReceivedEmail, data),
  }),
  [LINK_PAID_TEMPLATE]: template({
    schema: linkPaidEmailDataSchema,
    subject: linkPaidSubject,
    body: (data) => createElement(LinkPaidEmail, data),
  }),
  [DISPUTE_OPENED_TEMPLATE]: template({
    schema: disputeOpenedEmailDataSchema,
    subject: disputeOpenedSubject,
    body: (data) => createElement(DisputeOpenedEmail, data),
  }),
}

export const EMAIL_TEMPLATE_NAMES = Object.keys(templates) as EmailTemplateName[]

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.prototype.hasOwnProperty.call(templates, name)
}

/**
 * Renders one of the plugin's emails to a subject, HTML and plain text.
 * Throws a MedusaError (INVALID_DATA) for an unknown template or data its schema rejects.
 */
export async function renderEmail<T extends EmailTemplateName>(template: T, data: EmailDataByTemplate[T]): Promise<RenderedEmail>
export async function renderEmail(template: string, data: unknown): Promise<RenderedEmail>
export async function renderEmail(template: string, data: unknown): Promise<RenderedEmail> {
  if (!isEmailTemplateName(template)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Unknown email template "${template}". Known templates: ${EMAIL_TEMPLATE_NAMES.join(", ")}`
    )
  }
  return templates[template](data, template)
}
