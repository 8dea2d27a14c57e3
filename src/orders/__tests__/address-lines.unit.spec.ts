import { addressLines } from "../address-lines"

describe("address lines", () => {
  it("prints company, street, postcode and city, province and country, skipping what is empty", () => {
    expect(
      addressLines({
        company: "Acme  GmbH",
        address_1: "Hauptstraße 1",
        address_2: "",
        city: "München",
        postal_code: "80331",
        province: null,
        country_code: "de",
      })
    ).toEqual(["Acme GmbH", "Hauptstraße 1", "80331 München", "DE"])
  })

  it("is null for no address or an empty one", () => {
    expect(addressLines(null)).toBeNull()
    expect(addressLines({ address_1: " ", city: null })).toBeNull()
  })
})
