import { Badge, Button, Container, Heading, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useDisconnectStripe, type StripeSettings } from "../../../../lib/stripe-settings"
import { formatDateTime } from "./format-date-time"

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-2 items-center px-6 py-4">
      <Text size="small" weight="plus" leading="compact">
        {label}
      </Text>
      <div className="text-ui-fg-subtle txt-small">{children}</div>
    </div>
  )
}

// Which Stripe account the store is connected to, and the way out (after a confirmation prompt).
export function ConnectionSection({ settings, canManage = true }: { settings: StripeSettings; canManage?: boolean }) {
  const prompt = usePrompt()
  const disconnect = useDisconnectStripe()

  const onDisconnect = async () => {
    const confirmed = await prompt({
      title: "Disconnect Stripe?",
      description:
        settings.mode === "oauth"
          ? "The store stops taking payments through this Stripe account, and its authorization is revoked in Stripe."
          : "The store forgets this Stripe account until you press Done again.",
      confirmText: "Disconnect",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    disconnect.mutate(undefined, {
      onSuccess: () => toast.success("Stripe disconnected"),
      onError: (error) => toast.error("Could not disconnect", { description: error.message }),
    })
  }

  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-connection">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Connection</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {settings.mode === "oauth" ? "Stripe Connect (OAuth)" : "API key from the server's configuration"}
          </Text>
        </div>
        {settings.connected ? <StatusBadge color="green">Connected</StatusBadge> : <StatusBadge color="grey">Not connected</StatusBadge>}
      </div>
      {settings.connected ? (
        <>
          <Row label="Account">
            <span data-testid="stripe-collect-account">
              {settings.stripe_account_id}
              {settings.account_display_name ? ` "${settings.account_display_name}"` : ""}
            </span>
          </Row>
          <Row label="Mode">
            <Badge size="2xsmall" color={settings.livemode ? "green" : "orange"}>
              {settings.livemode ? "Live mode" : "Test mode"}
            </Badge>
          </Row>
          <Row label="Connected since">{formatDateTime(settings.connected_at)}</Row>
        </>
      ) : (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {settings.mode === "oauth"
              ? "Fill in the form below and press Done to authorize this store in Stripe."
              : "Fill in the form below and press Done to check the API key with Stripe."}
          </Text>
        </div>
      )}
      {settings.api_key ? <Row label="API key">{settings.api_key}</Row> : null}
      {settings.connected && canManage ? (
        <div className="flex justify-end px-6 py-4">
          <Button size="small" variant="danger" onClick={onDisconnect} isLoading={disconnect.isPending}>
            Disconnect
          </Button>
        </div>
      ) : null}
    </Container>
  )
}
