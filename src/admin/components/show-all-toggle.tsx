import { Button } from "@medusajs/ui"

type Props = { total: number; shown: number; expanded: boolean; onToggle: () => void }

/** Keeps long lists short so the card stays visible without scrolling. */
export function ShowAllToggle({ total, shown, expanded, onToggle }: Props) {
  if (total <= shown && !expanded) return null
  return (
    <Button size="small" variant="transparent" type="button" onClick={onToggle} aria-expanded={expanded}>
      {expanded ? "Show fewer" : `Show all ${total}`}
    </Button>
  )
}
