// Conditional reveal (the GOV.UK pattern): a choice that opens more fields shows them only while
// it is picked. Without JavaScript every field stays visible, and the server ignores the ones whose
// choice is not picked.
(function () {
  "use strict";

  function update(root) {
    root.querySelectorAll("input[data-reveals]").forEach(function (input) {
      var panel = document.getElementById(input.getAttribute("data-reveals"));
      if (!panel) return;
      panel.hidden = !input.checked;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=radio]")) update(document);
  });
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  document.addEventListener("htmx:afterSettle", function () { update(document); });
})();
