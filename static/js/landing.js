/*
 * /r: a phone camera app opened the QR's link. The data is in the fragment, which browsers never
 * send; read it here, take it out of the address bar and history, and show it to its holder.
 */
(function () {
  "use strict";
  var text = location.hash;
  history.replaceState(null, "", location.pathname);
  document.getElementById("landing-nojs").hidden = true;

  function message(key) {
    var element = document.querySelector('#reception-messages [data-key="' + key + '"]');
    return element ? element.textContent : "";
  }

  if (!text) return;
  window.MochimonoQRRead.decode(text).then(function (values) {
    var box = document.getElementById("qr-box");
    box.append(window.MochimonoSymbol.svg(location.origin + "/r" + text, message("qr-title")));
    // Only values a valid 申立書 can hold are shown (the reception tablet names the others).
    window.MochimonoSheet.fill(document.querySelector("#landing-result [data-sheet]"), window.MochimonoQRRead.readable(values).values);
    document.getElementById("landing-result").hidden = false;
    window.MochimonoSymbol.keepAwake(true);
  }, function (error) {
    var box = document.getElementById("landing-error");
    box.querySelector("p").textContent = message(error && error.code === "version" ? "version" : "format");
    box.hidden = false;
  });
})();
