/*
 * The reception tablet: reads the patient's QR with the camera (BarcodeDetector where the browser
 * has it, otherwise the ZXing WebAssembly reader served from our origin) or from a keyboard-wedge
 * scanner or paste, decodes it here, and fills in the 申立書 for printing. Nothing is sent anywhere;
 * everything is cleared after printing or after two idle minutes.
 */
(function () {
  "use strict";
  var codec = window.MochimonoQRRead, sheetTools = window.MochimonoSheet;
  var script = document.getElementById("reception-script");
  var video = document.getElementById("camera-video");
  var startButton = document.getElementById("start-camera"), stopButton = document.getElementById("stop-camera");
  var pasteForm = document.getElementById("paste-form"), textArea = document.getElementById("qr_text");
  var result = document.getElementById("result"), copy = document.getElementById("copy-text");
  var sheet = result.querySelector("[data-sheet]");
  var IDLE_MS = 120000, idleTimer = null, stream = null, scanning = false, zxingReady = null;

  function message(key) {
    var element = document.querySelector('#reception-messages [data-key="' + key + '"]');
    return element ? element.textContent : "";
  }

  /** The error box with a message and, for a QR with bad values, the fields that could not be read. */
  function showError(key, unreadable) {
    var box = document.getElementById("scan-error"), list = box.querySelector("ul"), seen = {};
    box.querySelector("p").textContent = message(key) + (unreadable ? " " + message("unreadable-fields") : "");
    list.textContent = "";
    (unreadable || []).forEach(function (field) {
      var label = message("field." + field);
      if (seen[label]) return;
      seen[label] = true;
      var item = document.createElement("li");
      item.textContent = label;
      list.append(item);
    });
    box.hidden = false;
    box.focus();
  }

  function clearAll() {
    sheetTools.clear(sheet);
    copy.value = "";
    textArea.value = "";
    result.hidden = true;
    result.querySelectorAll(".notice").forEach(function (element) { element.remove(); });
    document.getElementById("scan-error").hidden = true;
    textArea.focus();
  }

  function touch() {
    clearTimeout(idleTimer);
    if (!result.hidden) idleTimer = setTimeout(clearAll, IDLE_MS);
  }

  function show(decoded) {
    // Only values a valid 申立書 can hold are shown; the others are named in the error box.
    var read = codec.readable(decoded), values = read.values;
    stopCamera();
    document.getElementById("scan-error").hidden = true;
    sheetTools.fill(sheet, values);
    copy.value = window.MochimonoCopyText.copyText(values);
    result.querySelectorAll(".notice").forEach(function (element) { element.remove(); });
    if (read.unreadable.length) {
      showError("unreadable", read.unreadable);
    } else if (codec.problemsIn(values).length) {
      var note = document.createElement("p");
      note.className = "notice no-print";
      note.textContent = message("doubtful");
      result.prepend(note);
    }
    result.hidden = false;
    textArea.value = "";
    document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
    touch();
  }

  function read(text) {
    return codec.decode(text).then(show, function (error) {
      showError(error && error.code === "version" ? "version" : "format");
    });
  }

  pasteForm.addEventListener("submit", function (event) {
    event.preventDefault();
    read(textArea.value);
  });
  textArea.addEventListener("keydown", function (event) {
    // Keyboard-wedge scanners end with Enter.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      read(textArea.value);
    }
  });

  function loadZxing() {
    if (!zxingReady) {
      zxingReady = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = script.getAttribute("data-zxing");
        tag.onload = function () {
          var wasm = script.getAttribute("data-zxing-wasm");
          window.ZXingWASM.prepareZXingModule({
            overrides: { locateFile: function (path, prefix) { return path.endsWith(".wasm") ? wasm : prefix + path; } },
            fireImmediately: true
          }).then(function () { resolve(window.ZXingWASM); }, reject);
        };
        tag.onerror = reject;
        document.head.append(tag);
      });
    }
    return zxingReady;
  }

  function detector() {
    if ("BarcodeDetector" in window) {
      var native = new window.BarcodeDetector({ formats: ["qr_code"] });
      return Promise.resolve(function (source) {
        return native.detect(source).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
      });
    }
    var canvas = document.createElement("canvas"), context = canvas.getContext("2d", { willReadFrequently: true });
    return loadZxing().then(function (zxing) {
      return function (source) {
        canvas.width = source.videoWidth;
        canvas.height = source.videoHeight;
        context.drawImage(source, 0, 0);
        var frame = context.getImageData(0, 0, canvas.width, canvas.height);
        return zxing.readBarcodes(frame, { formats: ["QRCode"], maxNumberOfSymbols: 1, tryHarder: true })
          .then(function (codes) { return codes.length && codes[0].isValid ? codes[0].text : null; });
      };
    });
  }

  function stopCamera() {
    scanning = false;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    document.getElementById("camera").hidden = true;
    stopButton.hidden = true;
  }

  function startCamera() {
    navigator.mediaDevices.getUserMedia({
      video: { facingMode: "environment", width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false
    }).then(function (media) {
      stream = media;
      video.srcObject = media;
      document.getElementById("camera").hidden = false;
      stopButton.hidden = false;
      return Promise.all([video.play(), detector()]);
    }).then(function (parts) {
      var detect = parts[1];
      scanning = true;
      (function loop() {
        if (!scanning) return;
        var next = function () { setTimeout(loop, 150); };
        if (video.readyState < 2) return next();
        detect(video).then(function (text) { if (text) read(text); else next(); }, next);
      })();
    }).catch(function () {
      stopCamera();
      showError("camera");
    });
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    startButton.hidden = false;
    startButton.addEventListener("click", startCamera);
    stopButton.addEventListener("click", stopCamera);
  }
  window.addEventListener("afterprint", function () { setTimeout(clearAll, 1000); });
  ["pointerdown", "keydown"].forEach(function (name) { document.addEventListener(name, touch); });
  document.getElementById("clear").addEventListener("click", function (event) {
    event.preventDefault();
    clearAll();
  });
  textArea.focus();
})();
