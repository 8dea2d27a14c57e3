import type { CSSProperties } from "react"

// Inline styles only: many mail apps drop <style> blocks and never load web fonts.
export const fontStack = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

export const colors = {
  page: "#f4f4f5",
  card: "#ffffff",
  border: "#e4e4e7",
  text: "#18181b",
  muted: "#71717a",
  accent: "#4f46e5",
  accentText: "#ffffff",
  quote: "#f4f4f5",
  alert: "#b91c1c",
}

export const heading: CSSProperties = {
  color: colors.text,
  fontSize: "22px",
  lineHeight: "28px",
  fontWeight: 600,
  margin: "0 0 16px",
}

export const paragraph: CSSProperties = {
  color: colors.text,
  fontSize: "15px",
  lineHeight: "22px",
  margin: "0 0 12px",
}

export const small: CSSProperties = {
  color: colors.muted,
  fontSize: "13px",
  lineHeight: "19px",
  margin: "0 0 8px",
}

export const sectionTitle: CSSProperties = {
  color: colors.muted,
  fontSize: "12px",
  fontWeight: 600,
  letterSpacing: "0.05em",
  textTransform: "uppercase",
  margin: "24px 0 8px",
}

export const primaryButton: CSSProperties = {
  backgroundColor: colors.accent,
  borderRadius: "6px",
  color: colors.accentText,
  display: "block",
  fontSize: "17px",
  fontWeight: 600,
  lineHeight: "24px",
  padding: "14px 20px",
  textAlign: "center",
  textDecoration: "none",
}

export const cell: CSSProperties = {
  color: colors.text,
  fontSize: "14px",
  lineHeight: "20px",
  padding: "6px 0",
  verticalAlign: "top",
}

export const valueCell: CSSProperties = { ...cell, textAlign: "right", whiteSpace: "nowrap", paddingLeft: "12px" }

/** A quoted block for text someone else wrote: the admin's message or an error's details. */
export const quotedMessage: CSSProperties = {
  backgroundColor: colors.quote,
  borderLeft: `3px solid ${colors.accent}`,
  color: colors.text,
  fontSize: "15px",
  lineHeight: "22px",
  margin: "0 0 16px",
  padding: "12px 14px",
}
