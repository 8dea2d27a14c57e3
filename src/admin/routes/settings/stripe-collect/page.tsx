import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Container, Heading, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { useStripeSettings } from "../../../lib/stripe-settings"
import { ConnectionSection } from "./components/connection-section"
import { IntegrationErrorsSection } from "./components/integration-errors-section"
import { LinkPaymentMethodsSection } from "./components/link-payment-methods-section"
import { ReconcileSection } from "./components/reconcile-section"
import { RemindersSection } from "./components/reminders-section"
import { RecentChangesSection } from "./components/recent-changes-section"
import { SettingsForm } from "./components/settings-form"
import { WebhookHealthSection } from "./components/webhook-health-section"
import { connectErrorMessage } from "../../../lib/connect-errors"

// Settings → Stripe: connect the store's Stripe account and see how the integration is doing.
const StripeCollectSettingsPage = () => {
  const [searchParams] = useSearchParams()
  const { data: settings, isLoading, error, dataUpdatedAt } = useStripeSettings()
  // Set by the Connect OAuth callback when Stripe sends the admin back.
  const connectError = connectErrorMessage(searchParams.get("error"))
  const justConnected = searchParams.get("connected") === "1"

  return (
    <div className="flex flex-col gap-y-3" data-testid="stripe-collect-settings">
      <Container className="px-6 py-4">
        <Heading level="h1">Stripe</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Connect the Stripe account this store charges cards and sends payment links with.
        </Text>
      </Container>
      {connectError ? (
        <Alert variant="error" dismissible data-testid="stripe-collect-connect-error">
          {connectError}
        </Alert>
      ) : null}
      {justConnected && settings?.connected ? (
        <Alert variant="success" dismissible data-testid="stripe-collect-connect-success">
          Stripe is connected.
        </Alert>
      ) : null}
      {isLoading ? (
        <Container className="px-6 py-4">
          <Text size="small">Loading…</Text>
        </Container>
      ) : error || !settings ? (
        <Alert variant="error">Could not load the Stripe settings: {error?.message ?? "no answer"}</Alert>
      ) : (
        <>
          <ConnectionSection settings={settings} canManage={settings.permissions?.manage_settings ?? true} />
          {settings.permissions?.manage_settings === false ? (
            <Alert data-testid="stripe-collect-settings-read-only">
              Your role can see these settings but not change them (it lacks the stripe_collect manage_settings permission).
            </Alert>
          ) : (
            <>
              <SettingsForm settings={settings} />
              <LinkPaymentMethodsSection settings={settings} />
              {settings.reminders ? <RemindersSection settings={settings} /> : null}
            </>
          )}
          <WebhookHealthSection webhook={settings.webhook} />
          {settings.connected && settings.permissions?.manage_settings !== false ? <ReconcileSection /> : null}
          <IntegrationErrorsSection errors={settings.recent_errors} />
          <RecentChangesSection refreshedWith={dataUpdatedAt} />
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Stripe",
})

export default StripeCollectSettingsPage
