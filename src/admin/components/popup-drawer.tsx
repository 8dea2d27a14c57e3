import { XMark } from "@medusajs/icons"
import { Drawer, IconButton, Kbd } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useRef } from "react"

type Props = {
  open: boolean
  onClose: () => void
  /** While a request runs, Esc and outside clicks do not close the popup. */
  busy?: boolean
  title: string
  description: string
  testId: string
  children: ReactNode
}

/** A side popup that focuses the element marked data-autofocus when it opens. */
export function PopupDrawer({ open, onClose, busy = false, title, description, testId, children }: Props) {
  const contentRef = useRef<HTMLDivElement>(null)
  return (
    <Drawer open={open} onOpenChange={(next) => !next && !busy && onClose()}>
      <Drawer.Content
        ref={contentRef}
        data-testid={testId}
        onOpenAutoFocus={(event) => {
          const target = contentRef.current?.querySelector<HTMLElement>("[data-autofocus]")
          if (target) {
            event.preventDefault()
            target.focus()
          }
        }}
      >
        {/* Drawer.Header's own close button has no name for screen readers (axe-core button-name): ours says "Close". */}
        <div className="border-ui-border-base flex items-start justify-between gap-x-4 border-b px-6 py-4">
          <div className="flex flex-col gap-y-1">
            <Drawer.Title asChild>
              <h2 className="txt-large-plus text-ui-fg-base">{title}</h2>
            </Drawer.Title>
            <Drawer.Description className="text-ui-fg-subtle txt-small">{description}</Drawer.Description>
          </div>
          <div className="flex items-center gap-x-2">
            <Kbd aria-hidden="true">esc</Kbd>
            <Drawer.Close asChild>
              <IconButton size="small" type="button" variant="transparent" aria-label="Close" disabled={busy}>
                <XMark />
              </IconButton>
            </Drawer.Close>
          </div>
        </div>
        {children}
      </Drawer.Content>
    </Drawer>
  )
}
