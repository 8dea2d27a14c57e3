import { Button, Container, Heading, Hint, Input, Label, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useState, type ChangeEvent, type FormEvent } from "react"
import { useSaveStripeSettings, useStartStripeConnect, type StripeSettings } from "../../../../lib/stripe-settings"

type Field = "store_name" | "store_address" | "error_email" | "payment_notification_email" | "invoice_prefix"
type FieldErrors = Partial<Record<Field, string>>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// The server's rule (settings/validators.ts): letters, digits, - _ / . and the {YYYY} placeholder.
const INVOICE_PREFIX = /^(?:[A-Za-z0-9\-_/.]|\{YYYY\})+$/

/** The first invoice number a prefix gives this year, e.g. INV-2026-0001. */
const firstNumber = (prefix: string) => `${prefix.replace(/\{YYYY\}/g, String(new Date().getFullYear()))}0001`

function validate(values: Record<Field, string>): FieldErrors {
  const errors: FieldErrors = {}
  if (!values.store_name.trim()) errors.store_name = "Enter the store name to show for this Stripe account"
  const addressLines = values.store_address.split("\n").filter((line) => line.trim())
  if (values.store_address.length > 500 || addressLines.length > 6) errors.store_address = "Use at most 6 lines and 500 characters"
  if (!EMAIL.test(values.error_email.trim())) errors.error_email = "Enter a valid email address"
  const payments = values.payment_notification_email.trim()
  if (payments && !EMAIL.test(payments)) errors.payment_notification_email = "Enter a valid email address, or leave it empty"
  const prefix = values.invoice_prefix.trim()
  if (!prefix || prefix.length > 24 || !INVOICE_PREFIX.test(prefix))
    errors.invoice_prefix = "Use up to 24 letters, digits, - _ / . and {YYYY} for the year"
  return errors
}

// The server names the field in its 400 message; show it beside that field.
function fieldOf(message: string): Field | null {
  if (message.includes("invoice_prefix")) return "invoice_prefix"
  if (message.includes("payment_notification_email")) return "payment_notification_email"
  if (message.includes("store_address")) return "store_address"
  if (message.includes("error_email")) return "error_email"
  if (message.includes("store_name")) return "store_name"
  return null
}

// Store name and the integration-error address; Done saves them, then connects (OAuth) or checks the key.
export function SettingsForm({ settings }: { settings: StripeSettings }) {
  const [values, setValues] = useState<Record<Field, string>>({
    store_name: settings.store_name ?? "",
    store_address: settings.store_address ?? "",
    error_email: settings.error_email ?? "",
    payment_notification_email: settings.payment_notification_email ?? "",
    invoice_prefix: settings.invoice_prefix,
  })
  const [receipts, setReceipts] = useState(settings.customer_receipts.switch_on)
  const stripeSendsReceipts = settings.customer_receipts.stripe_sends_receipts
  const [errors, setErrors] = useState<FieldErrors>({})
  const save = useSaveStripeSettings()
  const connect = useStartStripeConnect()

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const found = validate(values)
    setErrors(found)
    if (Object.keys(found).length) {
      return
    }
    try {
      const saved = await save.mutateAsync({
        store_name: values.store_name.trim(),
        store_address: values.store_address.trim() || null,
        error_email: values.error_email.trim(),
        payment_notification_email: values.payment_notification_email.trim() || null,
        customer_receipts: receipts,
        invoice_prefix: values.invoice_prefix.trim(),
      })
      // Only a store not yet connected goes on to Stripe; a connected one just saves (Disconnect changes the account).
      if (settings.mode === "oauth" && !settings.connected) {
        const { authorize_url } = await connect.mutateAsync()
        window.location.assign(authorize_url)
        return
      }
      const check = saved.stripe_check
      if (check.checked && check.ok) {
        toast.success("Stripe connected", {
          description: `${check.stripe_account_id}${check.account_display_name ? ` "${check.account_display_name}"` : ""}`,
        })
      } else if (check.checked) {
        const reference = check.stripe_request_id ? ` (Stripe request ${check.stripe_request_id})` : ""
        toast.error(
          check.reason === "unreachable"
            ? "Settings saved, but Stripe could not be reached"
            : "Settings saved, but Stripe refused the API key",
          { description: `${check.message}${reference}` }
        )
      } else {
        toast.success("Settings saved")
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const field = fieldOf(message)
      if (field) {
        setErrors({ [field]: message.replace(/^Invalid request: /, "") })
      } else {
        toast.error("Could not save the Stripe settings", { description: message })
      }
    }
  }

  const busy = save.isPending || connect.isPending
  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }))

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Store and notifications</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {settings.mode === "oauth" && settings.connected
            ? "Press Done to save these settings."
            : settings.mode === "oauth"
              ? "Press Done to authorize this store in Stripe; you come back here afterwards."
              : "Press Done to save and check the Stripe API key configured on the server."}
        </Text>
      </div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-y-4 px-6 py-4" data-testid="stripe-collect-settings-form">
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-store-name" size="small" weight="plus">
            Store name
          </Label>
          <Input
            id="stripe-collect-store-name"
            name="store_name"
            value={values.store_name}
            onChange={set("store_name")}
            aria-invalid={Boolean(errors.store_name)}
          />
          {errors.store_name ? <Hint variant="error">{errors.store_name}</Hint> : null}
        </div>
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-store-address" size="small" weight="plus">
            Store address
          </Label>
          <Textarea
            id="stripe-collect-store-address"
            name="store_address"
            rows={3}
            value={values.store_address}
            onChange={set("store_address")}
            aria-invalid={Boolean(errors.store_address)}
          />
          {errors.store_address ? (
            <Hint variant="error">{errors.store_address}</Hint>
          ) : (
            <Hint>Printed under the store name on invoice and receipt PDFs, one line per line. Optional.</Hint>
          )}
        </div>
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-error-email" size="small" weight="plus">
            Integration Error Email Notification
          </Label>
          <Input
            id="stripe-collect-error-email"
            name="error_email"
            type="email"
            value={values.error_email}
            onChange={set("error_email")}
            aria-invalid={Boolean(errors.error_email)}
          />
          {errors.error_email ? (
            <Hint variant="error">{errors.error_email}</Hint>
          ) : (
            <Hint>
              {settings.error_email_is_default
                ? "Your email, suggested: integration failures are sent here once you press Done."
                : "Integration failures the store must act on are emailed here."}
            </Hint>
          )}
        </div>
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-payment-notification-email" size="small" weight="plus">
            Payment notifications
          </Label>
          <Input
            id="stripe-collect-payment-notification-email"
            name="payment_notification_email"
            type="email"
            placeholder={values.error_email.trim() || "The integration-error address"}
            value={values.payment_notification_email}
            onChange={set("payment_notification_email")}
            aria-invalid={Boolean(errors.payment_notification_email)}
          />
          {errors.payment_notification_email ? (
            <Hint variant="error">{errors.payment_notification_email}</Hint>
          ) : (
            <Hint>
              When a customer pays a payment link or disputes a payment, this address is emailed. Leave it empty to use the
              integration-error address.
            </Hint>
          )}
        </div>
        <div className="flex flex-col gap-y-2">
          <div className="flex items-center gap-x-3">
            <Switch
              id="stripe-collect-customer-receipts"
              checked={receipts && !stripeSendsReceipts}
              disabled={stripeSendsReceipts}
              onCheckedChange={setReceipts}
            />
            <Label htmlFor="stripe-collect-customer-receipts" size="small" weight="plus">
              Email customers a receipt
            </Label>
          </div>
          <Hint>
            {stripeSendsReceipts
              ? "Off: Stripe emails its own receipt to customers (the provider's receipts option is on in the server configuration), so the store does not send a second one."
              : "After each payment (a card charge, a paid link, a bank debit once the bank pays) the customer gets the amount, what is left to pay and the receipt as a PDF."}
          </Hint>
        </div>
        <div className="flex flex-col gap-y-2">
          <Label htmlFor="stripe-collect-invoice-prefix" size="small" weight="plus">
            Invoice number prefix
          </Label>
          <Input
            id="stripe-collect-invoice-prefix"
            name="invoice_prefix"
            value={values.invoice_prefix}
            onChange={set("invoice_prefix")}
            aria-invalid={Boolean(errors.invoice_prefix)}
          />
          {errors.invoice_prefix ? (
            <Hint variant="error">{errors.invoice_prefix}</Hint>
          ) : (
            <Hint>
              Each order's invoice is numbered when its first payment link is sent: the next new series starts at{" "}
              {firstNumber(values.invoice_prefix.trim() || "INV-{YYYY}-")}. {"{YYYY}"} is the year of issue.
            </Hint>
          )}
        </div>
        <div className="flex justify-end">
          <Button type="submit" size="small" isLoading={busy}>
            Done
          </Button>
        </div>
      </form>
    </Container>
  )
}
