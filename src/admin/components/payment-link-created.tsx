import { Alert, Button, Copy, Drawer, Hint, Input, Label, Text } from "@medusajs/ui"
import { useEffect, useRef } from "react"
import { formatDate } from "../lib/format-time"
import { formatMoney } from "../lib/money"
import type { CreatedPaymentLink } from "../lib/stripe-collect-order"

type Props = { link: CreatedPaymentLink; onDone: () => void }

/** The new link, shown this once with a Copy button; afterwards only its id is kept. */
export function PaymentLinkCreated({ link, onDone }: Props) {
  const urlRef = useRef<HTMLInputElement>(null)
  // The form that had focus is gone; put the admin on the link they may want to copy.
  useEffect(() => urlRef.current?.select(), [])
  const id = "stripe-collect-link-url"
  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <Alert variant="success" data-testid="stripe-collect-link-sent">
          <span role="status">
            Email sent to <strong>{link.email}</strong> with the invoice and a link to pay {formatMoney(link.amount, link.currency_code)}.
          </span>
        </Alert>
        <div className="flex flex-col gap-y-1.5">
          <Label htmlFor={id} size="small" weight="plus">
            Payment link
          </Label>
          <div className="flex items-center gap-x-2">
            <div className="min-w-0 flex-1">
              <Input
                id={id}
                ref={urlRef}
                readOnly
                value={link.url}
                onFocus={(event) => event.currentTarget.select()}
                aria-describedby={`${id}-hint`}
                data-testid={id}
              />
            </div>
            <Copy content={link.url} aria-label="Copy payment link" data-testid="stripe-collect-link-copy" />
          </div>
          <Hint id={`${id}-hint`}>Shown only now. Copy it if you also want to share it another way.</Hint>
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          The link works until {formatDate(link.expires_at)}.
        </Text>
      </Drawer.Body>
      <Drawer.Footer>
        <Button size="small" type="button" onClick={onDone}>
          Done
        </Button>
      </Drawer.Footer>
    </>
  )
}
