import { Fragment } from "react"

// Line breaks as <br/> so both the HTML and the plain-text version keep them; each line stays escaped text.
export function MultilineText({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/)
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  )
}
