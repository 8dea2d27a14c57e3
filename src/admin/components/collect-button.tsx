import { Button, Tooltip } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useId } from "react"

type Props = {
  children: ReactNode
  testId: string
  /** Why the button cannot be used now; null when it can. */
  disabledReason: string | null
  variant?: "primary" | "secondary"
  onClick: () => void
}

/** An action button that, when unavailable, says why on hover and to screen readers. */
export function CollectButton({ children, testId, disabledReason, variant = "secondary", onClick }: Props) {
  const reasonId = useId()
  const button = (
    <Button
      size="small"
      variant={variant}
      type="button"
      disabled={disabledReason !== null}
      aria-describedby={disabledReason ? reasonId : undefined}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Button>
  )
  if (!disabledReason) return button
  return (
    <>
      <Tooltip content={disabledReason}>
        {/* A disabled button gets no pointer or focus events; the wrapper carries the tooltip. */}
        <span tabIndex={0} className="inline-flex rounded-md outline-none focus-visible:shadow-borders-focus">
          {button}
        </span>
      </Tooltip>
      <span id={reasonId} className="sr-only">
        {disabledReason}
      </span>
    </>
  )
}
