import type { CSSProperties } from "react"
import { valueCell, cell, colors } from "./styles"

type SummaryRowProps = {
  label: string
  value: string
  /** A second line under the label, e.g. "2 × $10.00". */
  detail?: string
  emphasis?: boolean
  /** A rule above the row, between the lines and the totals. */
  divider?: boolean
}

// A label on the left and its value (usually an amount) on the right; two columns stay readable on a phone.
export function SummaryRow({ label, value, detail, emphasis, divider }: SummaryRowProps) {
  const weight: CSSProperties = emphasis ? { fontWeight: 700, fontSize: "16px" } : {}
  const rule: CSSProperties = divider ? { borderTop: `1px solid ${colors.border}`, paddingTop: "10px" } : {}
  return (
    <tr>
      <td style={{ ...cell, ...weight, ...rule }}>
        {label}
        {detail ? (
          <>
            <br />
            <span style={{ color: colors.muted, fontSize: "13px" }}>{detail}</span>
          </>
        ) : null}
      </td>
      <td style={{ ...valueCell, ...weight, ...rule }}>{value}</td>
    </tr>
  )
}
