import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

// Checked once at boot, so a missing key fails the app's start instead of the first email.
export const resendOptionsSchema = z.object({
  /** A Resend API key (re_...). */
  api_key: z.string({ error: "Set the Resend API key (RESEND_API_KEY)" }).trim().min(1, "Set the Resend API key (RESEND_API_KEY)"),
  /** The sender, "Store <payments@example.com>" or a bare address on a domain verified in Resend. */
  from: z
    .string({ error: 'Set the sender address, e.g. "Store <payments@example.com>"' })
    .trim()
    .refine((value) => senderAddress(value) !== null, 'Expected an email address or "Name <address>"'),
  /** Another Resend-compatible API, e.g. the local sandbox; the SDK adds the paths. */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** The channels this provider serves; Medusa's notification module reads it, the provider does not. */
  channels: z.array(z.string()).optional(),
})

export type ResendOptions = z.input<typeof resendOptionsSchema>
export type ValidResendOptions = z.output<typeof resendOptionsSchema>

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/** The address part of "Name <address>" or a bare address; null when neither. */
function senderAddress(from: string): string | null {
  const named = /^[^<>]*<([^<>]+)>$/.exec(from)
  const address = named ? named[1].trim() : from
  return ADDRESS.test(address) ? address : null
}

/** Parses the provider's options or throws a MedusaError naming every bad field. */
export function parseResendOptions(options: unknown): ValidResendOptions {
  const parsed = resendOptionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Resend notification provider options are invalid: ${problems}`)
  }
  return parsed.data
}
