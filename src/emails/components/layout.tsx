import type { ReactNode } from "react"
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components"
import { colors, fontStack } from "./styles"

type EmailLayoutProps = {
  /** The line mail apps show next to the subject. */
  preview: string
  /** Who the footer says the email is from. */
  sender: string
  footer?: ReactNode
  children: ReactNode
}

// One narrow column with system fonts and no images: reads the same on a phone and in any mail app.
export function EmailLayout({ preview, sender, footer, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, margin: 0, padding: "16px 0", fontFamily: fontStack }}>
        <Container
          style={{
            backgroundColor: colors.card,
            border: `1px solid ${colors.border}`,
            borderRadius: "8px",
            maxWidth: "560px",
            width: "100%",
            padding: "24px",
            boxSizing: "border-box",
          }}
        >
          {children}
          <Hr style={{ borderColor: colors.border, margin: "24px 0 12px" }} />
          <Section>
            {footer}
            <Text style={{ color: colors.muted, fontSize: "12px", lineHeight: "18px", margin: 0 }}>Sent by {sender}.</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}
