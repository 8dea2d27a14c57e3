import { Drawer } from "@medusajs/ui"
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
        <Drawer.Header>
          <Drawer.Title asChild>
            <h2 className="txt-large-plus text-ui-fg-base">{title}</h2>
          </Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle txt-small">{description}</Drawer.Description>
        </Drawer.Header>
        {children}
      </Drawer.Content>
    </Drawer>
  )
}
