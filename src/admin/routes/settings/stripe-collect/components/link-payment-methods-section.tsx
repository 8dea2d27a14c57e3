import { Button, Container, Heading, Hint, Input, Label, RadioGroup, Text, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"
import { useSaveLinkPaymentMethods, type StripeSettings } from "../../../../lib/stripe-settings"

type Methods = StripeSettings["payment_links"]["link_payment_methods"]

const CONFIGURATION_ID = /^pmc_[A-Za-z0-9]+$/

// Which methods a payment link's Stripe Checkout offers; the email and pay page say the same.
export function LinkPaymentMethodsSection({ settings }: { settings: StripeSettings }) {
  const saved = settings.payment_links
  const [methods, setMethods] = useState<Methods>(saved.link_payment_methods)
  const [configuration, setConfiguration] = useState(saved.payment_method_configuration ?? "")
  const [error, setError] = useState<string | null>(null)
  const save = useSaveLinkPaymentMethods()

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const id = methods === "all" ? configuration.trim() : ""
    if (id && !CONFIGURATION_ID.test(id)) {
      setError("Enter a payment method configuration id from Stripe (pmc_...), or leave it empty")
      return
    }
    setError(null)
    try {
      const result = await save.mutateAsync({ link_payment_methods: methods, payment_method_configuration: id || null })
      toast.success("Payment link methods saved", {
        description: `Customers are asked to pay ${result.settings.payment_links.description}.`,
      })
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure)
      if (message.includes("payment_method_configuration")) setError(message.replace(/^Invalid request: /, ""))
      else toast.error("Could not save the payment link methods", { description: message })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-link-methods">
      <div className="px-6 py-4">
        <Heading level="h2">Payment link methods</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          What customers can pay a payment link with on Stripe's Checkout page. Charge card on the order page always takes cards only.
        </Text>
      </div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-y-4 px-6 py-4">
        <RadioGroup value={methods} onValueChange={(value) => setMethods(value as Methods)} className="flex flex-col gap-y-3">
          <div className="flex items-start gap-x-2">
            <RadioGroup.Item value="cards" id="stripe-collect-methods-cards" data-testid="stripe-collect-methods-cards" />
            <div className="flex flex-col gap-y-0.5">
              <Label htmlFor="stripe-collect-methods-cards" size="small" weight="plus">
                Cards only
              </Label>
              <Hint>Cards, and Apple Pay or Google Pay where the customer has them (wallets pay with a card).</Hint>
            </div>
          </div>
          <div className="flex items-start gap-x-2">
            <RadioGroup.Item value="all" id="stripe-collect-methods-all" data-testid="stripe-collect-methods-all" />
            <div className="flex flex-col gap-y-0.5">
              <Label htmlFor="stripe-collect-methods-all" size="small" weight="plus">
                All methods enabled in your Stripe account
              </Label>
              <Hint>
                Cards, wallets, Klarna, bank debits such as SEPA Direct Debit or ACH — what you enabled in Stripe's Dashboard under Payment
                methods; Checkout shows those that fit the customer's currency, country and device. Bank debits take a few business days:
                the order shows Processing until Stripe confirms them.
              </Hint>
            </div>
          </div>
        </RadioGroup>
        {methods === "all" ? (
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="stripe-collect-methods-configuration" size="small" weight="plus">
              Payment method configuration (optional)
            </Label>
            <Input
              id="stripe-collect-methods-configuration"
              name="payment_method_configuration"
              placeholder="pmc_..."
              value={configuration}
              onChange={(event) => setConfiguration(event.target.value)}
              aria-invalid={Boolean(error)}
            />
            {error ? (
              <Hint variant="error">{error}</Hint>
            ) : (
              <Hint>
                A configuration from Stripe's Dashboard that picks the methods for payment links; empty uses the account's default.
              </Hint>
            )}
          </div>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" size="small" isLoading={save.isPending} data-testid="stripe-collect-methods-save">
            Save
          </Button>
        </div>
      </form>
    </Container>
  )
}
