/* Copy buttons: <button data-copy-target="ID"> copies the value of the field with that id
   and says "Kopieret" in the live region beside it, so screen readers hear it too.
   The buttons start out hidden and are shown only where the Clipboard API exists;
   without it (or without JavaScript) the address stays in a read-only field to select. */
(function () {
  "use strict";

  function showButtons() {
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function announce(button, text) {
    var status = button.parentElement.querySelector("[role=status]");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy-target]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) return;
    navigator.clipboard.writeText(field.value).then(
      function () { announce(button, "Kopieret"); },
      function () {
        field.select();
        announce(button, "Kunne ikke kopiere. Adressen er markeret, så du kan kopiere den selv.");
      }
    );
  });

  showButtons();
  if (typeof window.document$ !== "undefined") window.document$.subscribe(showButtons);
})();
