// The sandbox's stand-in for Stripe.js v3 (https://js.stripe.com/v3/), served at <sandbox>/v3/.
// The subset a card form needs, with Stripe.js's API shape:
//   const stripe = Stripe("pk_test_...", { stripeAccount: "acct_..." })
//   const card = stripe.elements().create("card", { style, hidePostalCode })
//   card.mount("#card") ; card.on("ready" | "change" | "focus" | "blur", handler)
//   const { paymentMethod, error } = await stripe.createPaymentMethod({ type: "card", card, billing_details })
// The card inputs live in an iframe served by the sandbox's origin: this page never sees the number.
// The iframe posts to the sandbox's own POST /v1/payment_methods with the publishable key.
;(function () {
  "use strict"
  if (window.Stripe && window.Stripe.__sandbox) return

  var script = document.currentScript
  var FRAME_URL = new URL("/v3/elements-inner-card.html", script && script.src ? script.src : window.location.href)
  var FRAME_ORIGIN = FRAME_URL.origin
  var MESSAGE_SOURCE = "stripe-sandbox-js"
  var EVENTS = ["ready", "change", "focus", "blur", "escape"]
  var nextFrameId = 1
  var nextRequestId = 1
  /** Mounted elements by frame id: messages from their iframes are routed here. */
  var mounted = {}

  function IntegrationError(message) {
    var error = new Error(message)
    error.name = "IntegrationError"
    return error
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== FRAME_ORIGIN) return
    var data = event.data
    if (!data || data.source !== MESSAGE_SOURCE || typeof data.frameId !== "string") return
    var element = mounted[data.frameId]
    // Only the element's own iframe may speak for it.
    if (!element || !element._iframe || event.source !== element._iframe.contentWindow) return
    element._receive(data)
  })

  function CardElement(stripe, options) {
    this._stripe = stripe
    this._options = Object.assign({}, options || {})
    this._handlers = {}
    this._container = null
    this._iframe = null
    this._frameId = null
    this._destroyed = false
    this._ready = false
    this._pending = {}
    this._state = { empty: true, complete: false, error: undefined }
  }

  CardElement.prototype.mount = function (target) {
    if (this._destroyed) throw IntegrationError("This Element has already been destroyed. Please create a new one.")
    if (this._container) throw IntegrationError("This Element is already mounted. Use `unmount` to unmount the Element before re-mounting.")
    var node = typeof target === "string" ? document.querySelector(target) : target
    if (!node || typeof node.appendChild !== "function") {
      throw IntegrationError(
        "The selector you specified (" +
          String(target) +
          ") applies to no DOM elements that are currently on the page.\nMake sure the element exists on the page before calling mount()."
      )
    }
    var frameId = "card-" + nextFrameId++
    var config = {
      frameId: frameId,
      parentOrigin: window.location.origin,
      key: this._stripe._key,
      stripeAccount: this._stripe._stripeAccount || null,
      style: this._options.style || {},
      hidePostalCode: this._options.hidePostalCode === true,
      value: this._options.value || {},
      disabled: this._options.disabled === true,
    }
    var wrapper = document.createElement("div")
    wrapper.className = "__PrivateStripeElement"
    wrapper.style.cssText = "margin:0;padding:0;border:none;display:block;background:transparent;position:relative;opacity:1"
    var iframe = document.createElement("iframe")
    iframe.name = "__privateStripeFrame" + frameId
    iframe.title = "Secure card payment input frame"
    iframe.setAttribute("frameborder", "0")
    iframe.setAttribute("allowtransparency", "true")
    iframe.setAttribute("scrolling", "no")
    iframe.setAttribute("role", "presentation")
    iframe.setAttribute("allow", "payment *")
    iframe.style.cssText =
      "border:none;margin:0;padding:0;width:1px;min-width:100%;overflow:hidden;display:block;user-select:none;height:1.2em;color-scheme:normal"
    // The configuration travels in the fragment: it never reaches a server log.
    iframe.src = FRAME_URL.href + "#" + encodeURIComponent(JSON.stringify(config))
    wrapper.appendChild(iframe)
    node.appendChild(wrapper)
    this._container = node
    this._wrapper = wrapper
    this._iframe = iframe
    this._frameId = frameId
    this._ready = false
    mounted[frameId] = this
    this._setClasses()
  }

  CardElement.prototype.unmount = function () {
    if (!this._container) return
    delete mounted[this._frameId]
    this._failPending("The Element was unmounted before the request finished.")
    this._wrapper.parentNode && this._wrapper.parentNode.removeChild(this._wrapper)
    var classes = ["StripeElement", "StripeElement--empty", "StripeElement--complete", "StripeElement--invalid", "StripeElement--focus"]
    for (var i = 0; i < classes.length; i++) this._container.classList.remove(classes[i])
    this._container = null
    this._wrapper = null
    this._iframe = null
    this._frameId = null
    this._ready = false
  }

  CardElement.prototype.destroy = function () {
    this.unmount()
    this._destroyed = true
    this._handlers = {}
    if (this._stripe._elements && this._stripe._elements._card === this) this._stripe._elements._card = null
  }

  CardElement.prototype.on = function (event, handler) {
    if (EVENTS.indexOf(event) < 0)
      throw IntegrationError("Unsupported event for a card Element: " + event + " (use one of " + EVENTS.join(", ") + ")")
    if (typeof handler !== "function") throw IntegrationError("The handler of `on` must be a function.")
    ;(this._handlers[event] = this._handlers[event] || []).push(handler)
    // Like Stripe.js, a late "ready" listener still hears about an Element that is already ready.
    if (event === "ready" && this._ready) handler({ elementType: "card" })
    return this
  }
  CardElement.prototype.addEventListener = CardElement.prototype.on

  CardElement.prototype.off = function (event, handler) {
    var list = this._handlers[event]
    if (!list) return this
    this._handlers[event] = handler
      ? list.filter(function (h) {
          return h !== handler
        })
      : []
    return this
  }
  CardElement.prototype.removeEventListener = CardElement.prototype.off

  CardElement.prototype.once = function (event, handler) {
    var self = this
    var wrapped = function (payload) {
      self.off(event, wrapped)
      handler(payload)
    }
    return this.on(event, wrapped)
  }

  CardElement.prototype.focus = function () {
    this._post({ type: "focus" })
  }
  CardElement.prototype.blur = function () {
    this._post({ type: "blur" })
  }
  CardElement.prototype.clear = function () {
    this._post({ type: "clear" })
  }
  CardElement.prototype.update = function (options) {
    this._options = Object.assign({}, this._options, options || {})
    this._post({
      type: "update",
      options: { style: this._options.style || {}, disabled: this._options.disabled === true, value: this._options.value || {} },
    })
  }

  CardElement.prototype._post = function (message) {
    if (!this._iframe || !this._iframe.contentWindow) return
    message.source = MESSAGE_SOURCE
    this._iframe.contentWindow.postMessage(message, FRAME_ORIGIN)
  }

  CardElement.prototype._emit = function (event, payload) {
    var list = (this._handlers[event] || []).slice()
    for (var i = 0; i < list.length; i++) {
      try {
        list[i](payload)
      } catch (error) {
        setTimeout(function () {
          throw error
        })
      }
    }
  }

  CardElement.prototype._setClasses = function () {
    if (!this._container) return
    var c = this._container.classList
    c.add("StripeElement")
    c.toggle("StripeElement--empty", this._state.empty)
    c.toggle("StripeElement--complete", this._state.complete)
    c.toggle("StripeElement--invalid", Boolean(this._state.error))
    c.toggle("StripeElement--focus", Boolean(this._state.focused))
  }

  CardElement.prototype._receive = function (data) {
    switch (data.type) {
      case "ready":
        this._ready = true
        this._emit("ready", { elementType: "card" })
        break
      case "resize":
        if (this._iframe && typeof data.height === "number") this._iframe.style.height = Math.ceil(data.height) + "px"
        break
      case "change":
        this._state.empty = data.event.empty
        this._state.complete = data.event.complete
        this._state.error = data.event.error
        this._setClasses()
        this._emit("change", Object.assign({ elementType: "card" }, data.event))
        break
      case "focus":
      case "blur":
        this._state.focused = data.type === "focus"
        this._setClasses()
        this._emit(data.type, { elementType: "card" })
        break
      case "escape":
        this._emit("escape", { elementType: "card" })
        break
      case "result":
        var pending = this._pending[data.requestId]
        if (pending) {
          delete this._pending[data.requestId]
          pending(data.result)
        }
        break
    }
  }

  CardElement.prototype._request = function (message) {
    var self = this
    return new Promise(function (resolve) {
      var requestId = "req-" + nextRequestId++
      self._pending[requestId] = resolve
      message.requestId = requestId
      self._post(message)
    })
  }

  CardElement.prototype._failPending = function (message) {
    var pending = this._pending
    this._pending = {}
    Object.keys(pending).forEach(function (id) {
      pending[id]({ error: { type: "api_connection_error", message: message } })
    })
  }

  function Elements(stripe, options) {
    this._stripe = stripe
    this._options = options || {}
    this._card = null
  }

  Elements.prototype.create = function (type, options) {
    if (type !== "card") {
      throw IntegrationError('The Stripe sandbox\'s Stripe.js supports only the "card" Element (got "' + String(type) + '").')
    }
    if (this._card) throw IntegrationError("Can only create one Element of type card.")
    this._card = new CardElement(this._stripe, options)
    return this._card
  }

  Elements.prototype.getElement = function (type) {
    return type === "card" ? this._card : null
  }

  Elements.prototype.update = function (options) {
    this._options = Object.assign({}, this._options, options || {})
  }

  function StripeInstance(key, options) {
    this._key = key
    this._stripeAccount = options && options.stripeAccount ? String(options.stripeAccount) : null
    this._elements = null
  }

  StripeInstance.prototype.elements = function (options) {
    this._elements = new Elements(this, options)
    return this._elements
  }

  StripeInstance.prototype.createPaymentMethod = function (params) {
    // Stripe.js also takes the older form createPaymentMethod("card", element, data).
    if (typeof params === "string") params = Object.assign({ type: params, card: arguments[1] }, arguments[2] || {})
    if (!params || typeof params !== "object") {
      return Promise.reject(IntegrationError("Invalid value for createPaymentMethod: expected an object with `type` and `card`."))
    }
    if (params.type !== "card") {
      return Promise.reject(
        IntegrationError("The Stripe sandbox's Stripe.js creates only card PaymentMethods (got type " + String(params.type) + ").")
      )
    }
    var element = params.card
    if (!(element instanceof CardElement)) {
      return Promise.reject(
        IntegrationError("Invalid value for createPaymentMethod: card should be a card Element. You specified: " + typeof element + ".")
      )
    }
    if (!element._iframe || !element._ready) {
      return Promise.reject(
        IntegrationError(
          "We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted."
        )
      )
    }
    return element._request({
      type: "createPaymentMethod",
      billing_details: params.billing_details || null,
      metadata: params.metadata || null,
    })
  }

  // Works with and without `new`, as Stripe.js does.
  function Stripe(key, options) {
    if (typeof key !== "string" || key === "") {
      throw IntegrationError("Please call Stripe() with your publishable key. You used an empty string.")
    }
    if (/^(sk|rk)_/.test(key)) {
      throw IntegrationError("You should not use your secret key with Stripe.js. Please pass a publishable key instead.")
    }
    if (!/^pk_(test|live)_/.test(key)) {
      throw IntegrationError("Invalid value for Stripe(): apiKey should be a publishable key (pk_test_... or pk_live_...).")
    }
    return new StripeInstance(key, options)
  }
  Stripe.version = 3
  Stripe.__sandbox = true

  window.Stripe = Stripe
})()
