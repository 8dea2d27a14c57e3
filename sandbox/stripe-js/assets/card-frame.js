// Inside the card Element's iframe (served by the sandbox's origin): the card inputs, Stripe.js's
// validation messages, and the PaymentMethod creation with the publishable key. The page that mounted
// the Element only hears change/focus/blur events and the final { paymentMethod } or { error }.
;(function () {
  "use strict"
  var SOURCE = "stripe-sandbox-js"
  var config
  try {
    config = JSON.parse(decodeURIComponent(window.location.hash.slice(1)))
  } catch (error) {
    config = null
  }
  if (!config || typeof config.frameId !== "string" || typeof config.parentOrigin !== "string") {
    document.body.textContent = "This frame is part of Stripe.js and only works inside a mounted card Element."
    return
  }

  var fields = {
    number: document.querySelector('input[name="cardnumber"]'),
    expiry: document.querySelector('input[name="exp-date"]'),
    cvc: document.querySelector('input[name="cvc"]'),
    postal: document.querySelector('input[name="postal"]'),
  }
  var ORDER = ["number", "expiry", "cvc", "postal"]
  var showPostal = config.hidePostalCode !== true
  if (!showPostal) fields.postal.parentNode.removeChild(fields.postal)
  if (config.value && typeof config.value.postalCode === "string") fields.postal.value = config.value.postalCode

  /** Fields the user has left at least once: "incomplete" messages wait for that, as in Stripe.js. */
  var touched = {}
  var focused = false
  var lastSummary = ""

  function post(message) {
    message.source = SOURCE
    message.frameId = config.frameId
    window.parent.postMessage(message, config.parentOrigin)
  }

  // ------------------------------------------------------------------ card rules

  function digitsOf(value) {
    return String(value || "").replace(/\D/g, "")
  }

  function brandOf(digits) {
    if (/^4/.test(digits)) return "visa"
    if (/^3[47]/.test(digits)) return "amex"
    if (/^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/.test(digits)) return "mastercard"
    if (/^(6011|65|64[4-9])/.test(digits)) return "discover"
    if (/^(30[0-5]|309|36|38|39)/.test(digits)) return "diners"
    if (/^35/.test(digits)) return "jcb"
    if (/^62/.test(digits)) return "unionpay"
    return "unknown"
  }

  var LENGTHS = { amex: [15], diners: [14, 16], unionpay: [16, 17, 18, 19] }
  function lengthsOf(brand) {
    return LENGTHS[brand] || [16]
  }

  function luhnValid(digits) {
    var sum = 0
    for (var i = 0; i < digits.length; i++) {
      var digit = Number(digits[digits.length - 1 - i])
      if (i % 2 === 1) {
        digit *= 2
        if (digit > 9) digit -= 9
      }
      sum += digit
    }
    return sum % 10 === 0
  }

  function formatNumber(digits, brand) {
    var groups = brand === "amex" ? [4, 6, 5] : brand === "diners" && digits.length <= 14 ? [4, 6, 4] : [4, 4, 4, 4, 3]
    var out = []
    var at = 0
    for (var i = 0; i < groups.length && at < digits.length; i++) {
      out.push(digits.slice(at, at + groups[i]))
      at += groups[i]
    }
    return out.join(" ")
  }

  function fail(code, message) {
    return { code: code, message: message }
  }

  /** Each field: { empty, complete, error?, incomplete? } where `incomplete` is shown only once touched. */
  function checkNumber() {
    var digits = digitsOf(fields.number.value)
    var brand = brandOf(digits)
    var lengths = lengthsOf(brand)
    var max = lengths[lengths.length - 1]
    if (!digits) return { empty: true, complete: false, incomplete: fail("incomplete_number", "Your card number is incomplete.") }
    if (lengths.indexOf(digits.length) >= 0 && luhnValid(digits)) return { empty: false, complete: true }
    if (digits.length >= max) return { empty: false, complete: false, error: fail("invalid_number", "Your card number is invalid.") }
    return { empty: false, complete: false, incomplete: fail("incomplete_number", "Your card number is incomplete.") }
  }

  function checkExpiry() {
    var digits = digitsOf(fields.expiry.value)
    if (!digits)
      return { empty: true, complete: false, incomplete: fail("incomplete_expiry", "Your card's expiration date is incomplete.") }
    var month = Number(digits.slice(0, 2))
    if (digits.length >= 2 && (month < 1 || month > 12)) {
      return { empty: false, complete: false, error: fail("invalid_expiry_month", "Your card's expiration date is invalid.") }
    }
    if (digits.length < 4)
      return { empty: false, complete: false, incomplete: fail("incomplete_expiry", "Your card's expiration date is incomplete.") }
    var year = 2000 + Number(digits.slice(2, 4))
    var now = new Date()
    var thisYear = now.getFullYear()
    if (year < thisYear)
      return { empty: false, complete: false, error: fail("invalid_expiry_year_past", "Your card's expiration year is in the past.") }
    if (year === thisYear && month < now.getMonth() + 1) {
      return { empty: false, complete: false, error: fail("invalid_expiry_month_past", "Your card's expiration date is in the past.") }
    }
    if (year > thisYear + 50)
      return { empty: false, complete: false, error: fail("invalid_expiry_year", "Your card's expiration year is invalid.") }
    return { empty: false, complete: true, month: month, year: year }
  }

  function cvcLength() {
    return brandOf(digitsOf(fields.number.value)) === "amex" ? 4 : 3
  }

  function checkCvc() {
    var digits = digitsOf(fields.cvc.value)
    if (!digits) return { empty: true, complete: false, incomplete: fail("incomplete_cvc", "Your card's security code is incomplete.") }
    if (digits.length >= cvcLength()) return { empty: false, complete: true }
    return { empty: false, complete: false, incomplete: fail("incomplete_cvc", "Your card's security code is incomplete.") }
  }

  function checkPostal() {
    if (!showPostal) return { empty: true, complete: true }
    var value = fields.postal.value.trim()
    if (!value) return { empty: true, complete: false, incomplete: fail("incomplete_zip", "Your postal code is incomplete.") }
    if (/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(value)) return { empty: false, complete: true }
    return { empty: false, complete: false, incomplete: fail("incomplete_zip", "Your postal code is incomplete.") }
  }

  function checkAll() {
    return { number: checkNumber(), expiry: checkExpiry(), cvc: checkCvc(), postal: checkPostal() }
  }

  /** The Element's state as its change event tells it: the first error to show, in field order. */
  function summarize(checks, showIncomplete) {
    var error
    ORDER.forEach(function (name) {
      var check = checks[name]
      var shown = check.error || (check.incomplete && (showIncomplete || (touched[name] && !check.empty)) ? check.incomplete : undefined)
      if (shown && !error) error = shown
      fields[name].classList.toggle("invalid", Boolean(shown))
      fields[name].setAttribute("aria-invalid", shown ? "true" : "false")
    })
    var event = {
      elementType: "card",
      empty: ORDER.every(function (name) {
        return checks[name].empty
      }),
      complete: ORDER.every(function (name) {
        return checks[name].complete
      }),
      brand: brandOf(digitsOf(fields.number.value)),
      value: { postalCode: showPostal ? fields.postal.value.trim() : "" },
    }
    if (error) event.error = { type: "validation_error", code: error.code, message: error.message }
    return event
  }

  function emitChange(force, showIncomplete) {
    var event = summarize(checkAll(), showIncomplete)
    var key = JSON.stringify(event)
    if (!force && key === lastSummary) return event
    lastSummary = key
    post({ type: "change", event: event })
    return event
  }

  // ------------------------------------------------------------------ typing

  function onNumberInput() {
    var digits = digitsOf(fields.number.value)
    var brand = brandOf(digits)
    var lengths = lengthsOf(brand)
    digits = digits.slice(0, lengths[lengths.length - 1])
    fields.number.value = formatNumber(digits, brand)
    fields.cvc.value = digitsOf(fields.cvc.value).slice(0, cvcLength())
    emitChange(true)
    var check = checkNumber()
    if (check.complete && digits.length === lengths[lengths.length - 1]) fields.expiry.focus()
  }

  function onExpiryInput(event) {
    var deleting = event && event.inputType && event.inputType.indexOf("delete") === 0
    var digits = digitsOf(fields.expiry.value)
    if (digits.length === 1 && Number(digits) > 1) digits = "0" + digits
    digits = digits.slice(0, 4)
    var text = digits.slice(0, 2)
    if (digits.length > 2 || (digits.length === 2 && !deleting)) text += " / " + digits.slice(2)
    fields.expiry.value = text
    emitChange(true)
    if (checkExpiry().complete) fields.cvc.focus()
  }

  function onCvcInput() {
    fields.cvc.value = digitsOf(fields.cvc.value).slice(0, cvcLength())
    emitChange(true)
    if (showPostal && checkCvc().complete) fields.postal.focus()
  }

  fields.number.addEventListener("input", onNumberInput)
  fields.expiry.addEventListener("input", onExpiryInput)
  fields.cvc.addEventListener("input", onCvcInput)
  if (showPostal)
    fields.postal.addEventListener("input", function () {
      emitChange(true)
    })

  ORDER.forEach(function (name) {
    var field = fields[name]
    field.addEventListener("focus", function () {
      if (!focused) {
        focused = true
        post({ type: "focus" })
      }
    })
    field.addEventListener("blur", function () {
      touched[name] = true
      emitChange(false)
      // Focus moving between the card's own inputs is not a blur of the Element.
      setTimeout(function () {
        var active = document.activeElement
        if (
          focused &&
          !ORDER.some(function (n) {
            return fields[n] === active
          })
        ) {
          focused = false
          post({ type: "blur" })
        }
      }, 0)
    })
  })

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") post({ type: "escape" })
  })

  // ------------------------------------------------------------------ look

  var SAFE_CSS_VALUE = /^[\w\s#(),.%'"+-]{1,300}$/
  var CSS_PROPERTIES = {
    color: "color",
    fontFamily: "font-family",
    fontSize: "font-size",
    fontWeight: "font-weight",
    lineHeight: "line-height",
    letterSpacing: "letter-spacing",
    fontSmoothing: "-webkit-font-smoothing",
  }

  function declarations(style) {
    var out = []
    Object.keys(CSS_PROPERTIES).forEach(function (key) {
      var value = style && style[key]
      if (typeof value === "string" && SAFE_CSS_VALUE.test(value)) out.push(CSS_PROPERTIES[key] + ":" + value)
    })
    return out.join(";")
  }

  function applyStyle(style) {
    style = style || {}
    var base = style.base || {}
    var invalid = style.invalid || {}
    var placeholder = base["::placeholder"] || {}
    var css =
      "input{" +
      declarations(base) +
      "}" +
      "input::placeholder{" +
      declarations(placeholder) +
      "}" +
      "input.invalid{" +
      declarations(invalid) +
      "}"
    document.getElementById("element-style").textContent = css
    reportSize()
  }

  function setDisabled(disabled) {
    ORDER.forEach(function (name) {
      fields[name].disabled = Boolean(disabled)
    })
  }

  function reportSize() {
    post({ type: "resize", height: document.body.getBoundingClientRect().height })
  }

  // ------------------------------------------------------------------ PaymentMethod

  function encode(prefix, value, out) {
    if (value === null || value === undefined || value === "") return out
    if (typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        encode(prefix + "[" + key + "]", value[key], out)
      })
      return out
    }
    out.push(encodeURIComponent(prefix) + "=" + encodeURIComponent(String(value)))
    return out
  }

  function createPaymentMethod(message) {
    ORDER.forEach(function (name) {
      touched[name] = true
    })
    var event = emitChange(false, true)
    if (event.error) return Promise.resolve({ error: event.error })
    var expiry = checkExpiry()
    var billing =
      message.billing_details && typeof message.billing_details === "object" ? JSON.parse(JSON.stringify(message.billing_details)) : {}
    if (showPostal) {
      billing.address = billing.address && typeof billing.address === "object" ? billing.address : {}
      billing.address.postal_code = fields.postal.value.trim()
    }
    var body = ["type=card"]
    encode(
      "card",
      { number: digitsOf(fields.number.value), exp_month: expiry.month, exp_year: expiry.year, cvc: digitsOf(fields.cvc.value) },
      body
    )
    encode("billing_details", billing, body)
    encode("metadata", message.metadata, body)
    var headers = { Authorization: "Bearer " + config.key, "Content-Type": "application/x-www-form-urlencoded" }
    if (config.stripeAccount) headers["Stripe-Account"] = config.stripeAccount
    return fetch(window.location.origin + "/v1/payment_methods", { method: "POST", headers: headers, body: body.join("&") })
      .then(function (response) {
        return response.json().then(function (json) {
          if (response.ok) return { paymentMethod: json }
          return { error: (json && json.error) || { type: "api_error", message: "Stripe answered " + response.status + "." } }
        })
      })
      .catch(function () {
        return { error: { type: "api_connection_error", message: "We could not reach Stripe. Check your connection and try again." } }
      })
  }

  // ------------------------------------------------------------------ the mounting page

  window.addEventListener("message", function (event) {
    if (event.origin !== config.parentOrigin || event.source !== window.parent) return
    var data = event.data
    if (!data || data.source !== SOURCE) return
    switch (data.type) {
      case "focus":
        fields.number.focus()
        break
      case "blur":
        if (document.activeElement && document.activeElement.blur) document.activeElement.blur()
        break
      case "clear":
        ORDER.forEach(function (name) {
          fields[name].value = ""
        })
        touched = {}
        emitChange(true)
        break
      case "update":
        applyStyle(data.options && data.options.style)
        setDisabled(data.options && data.options.disabled)
        if (data.options && data.options.value && typeof data.options.value.postalCode === "string" && showPostal) {
          fields.postal.value = data.options.value.postalCode
          emitChange(true)
        }
        break
      case "createPaymentMethod":
        createPaymentMethod(data).then(function (result) {
          post({ type: "result", requestId: data.requestId, result: result })
        })
        break
    }
  })

  applyStyle(config.style)
  setDisabled(config.disabled)
  if (typeof ResizeObserver === "function") new ResizeObserver(reportSize).observe(document.body)
  post({ type: "ready" })
  reportSize()
})()
