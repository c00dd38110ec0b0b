/*
 * Draws the 申立書 QR on the device as web/qr_symbol.py does on the server (qr-payload-v1.md §6):
 * byte mode for the prefix, numeric mode for the digits; level M, raised to Q or H while the
 * version does not grow, lowered to L past version 20. Uses the vendored qrcode-generator.
 */
(function (root) {
  "use strict";
  var MAX_VERSION = 20;

  function attempt(text, level, version) {
    var cut = text.lastIndexOf(".") + 1;
    var code = root.qrcode(version, level);
    code.addData(text.slice(0, cut), "Byte");
    code.addData(text.slice(cut), "Numeric");
    try {
      code.make();
    } catch (error) {
      return null;
    }
    return (code.getModuleCount() - 17) / 4 > MAX_VERSION ? null : code;
  }

  function make(text) {
    var code = attempt(text, "M", 0);
    if (!code) {
      code = attempt(text, "L", 0);
      if (!code) throw new Error("too_large");
      return code;
    }
    var version = (code.getModuleCount() - 17) / 4;
    for (var i = 0, levels = ["Q", "H"]; i < levels.length; i++) {
      var stronger = attempt(text, levels[i], version);
      if (!stronger) break;
      code = stronger;
    }
    return code;
  }

  /** An <svg> element: black modules on white with a 4-module quiet zone, scaled by CSS. */
  function svg(text, title) {
    var code = make(text), count = code.getModuleCount(), size = count + 8, path = "";
    for (var row = 0; row < count; row++) {
      for (var column = 0; column < count; column++) {
        if (code.isDark(row, column)) path += "M" + (column + 4) + " " + (row + 4) + "h1v1h-1z";
      }
    }
    function node(name, attributes) {
      var made = document.createElementNS("http://www.w3.org/2000/svg", name);
      Object.keys(attributes).forEach(function (key) { made.setAttribute(key, attributes[key]); });
      return made;
    }
    var element = node("svg", { viewBox: "0 0 " + size + " " + size, role: "img", "class": "qr-symbol", "shape-rendering": "crispEdges" });
    var label = node("title", {});
    label.textContent = title;
    element.append(label, node("rect", { width: size, height: size, fill: "#fff" }), node("path", { d: path, fill: "#000" }));
    return element;
  }

  var wakeLock = null;
  /** Keep the screen on while a QR is shown, where the browser allows it. */
  function keepAwake(on) {
    if (!("wakeLock" in navigator)) return;
    if (on && !wakeLock) {
      navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }).catch(function () {});
    } else if (!on && wakeLock) {
      wakeLock.release().catch(function () {});
      wakeLock = null;
    }
  }

  root.MochimonoSymbol = { make: make, svg: svg, keepAwake: keepAwake };
})(self);
