// Read aloud: the device's own speech synthesis reads the page in the page's language. Nothing is
// sent anywhere, so it works offline. The button stays hidden unless a voice for the language exists.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  var synth = window.speechSynthesis;
  var SKIPPED = { RT: true, RP: true, SCRIPT: true, STYLE: true, TEMPLATE: true, NOSCRIPT: true, SELECT: true };
  var BLOCKS = /^(P|LI|H[1-6]|LEGEND|LABEL|DT|DD|DIV|SECTION|TR|BUTTON|SUMMARY)$/;

  // The voice for the page: the first of the button's tags (best first, e.g. "zh-tw zh-hk zh")
  // that some installed voice speaks.
  function voiceFor(tags) {
    var voices = synth.getVoices();
    for (var i = 0; i < tags.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        var lang = voices[j].lang.toLowerCase().replace(/_/g, "-");
        if (lang === tags[i] || lang.indexOf(tags[i] + "-") === 0) return voices[j];
      }
    }
    return null;
  }

  // The words a sighted reader sees: no furigana readings (they would be read twice), nothing
  // hidden, not the button itself; each block a sentence of its own.
  function collect(node, parts) {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED[node.tagName] || node.hidden) return;
    if (node.getAttribute("aria-hidden") === "true" || node.hasAttribute("data-read-aloud")) return;
    if (node.getClientRects().length === 0) return; // not displayed (e.g. an unopened disclosure)
    for (var child = node.firstChild; child; child = child.nextSibling) collect(child, parts);
    if (BLOCKS.test(node.tagName)) parts.push("\n");
  }

  function sentences(root) {
    var parts = [];
    collect(root, parts);
    return parts.join("").split(/\n+|(?<=[。！？.!?।။])\s*/).map(function (s) { return s.replace(/\s+/g, " ").trim(); })
      .filter(function (s) { return s.length > 0; });
  }

  function setUp() {
    document.querySelectorAll("[data-read-aloud]").forEach(function (box) {
      var button = box.querySelector("button");
      var tags = (box.getAttribute("data-voices") || "").split(" ");
      var voice = voiceFor(tags);
      box.hidden = !voice;
      if (!voice || button.getAttribute("data-ready")) return;
      button.setAttribute("data-ready", "1");
      button.addEventListener("click", function () {
        if (synth.speaking) {
          synth.cancel();
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var main = document.getElementById("main");
        sentences(main).forEach(function (text, index, all) {
          var utterance = new SpeechSynthesisUtterance(text);
          utterance.voice = voiceFor(tags);
          utterance.lang = utterance.voice ? utterance.voice.lang : document.documentElement.lang;
          if (index === 0) utterance.onstart = function () { button.setAttribute("aria-pressed", "true"); };
          if (index === all.length - 1) utterance.onend = function () { button.setAttribute("aria-pressed", "false"); };
          synth.speak(utterance);
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();  // loaded after the page (the offline guide)
  document.addEventListener("htmx:afterSettle", setUp);
  document.addEventListener("htmx:beforeSwap", function () { synth.cancel(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  // Voices load after the page in Chromium: look again when they arrive.
  synth.addEventListener("voiceschanged", setUp);
})();
