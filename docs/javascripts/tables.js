/* Tables wider than a phone scroll sideways inside the wrapper Material adds around them
   (.md-typeset__scrollwrap). A region that scrolls must be reachable by keyboard
   (WCAG 2.1.1; axe "scrollable-region-focusable"): make each wrapper that actually scrolls
   focusable, and name it after its table's caption so a screen reader says what it is. */
(function () {
  "use strict";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "Tabel";
    return text + " (kan rulles vandret)";
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  function soon() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(soon); /* Material's page-load observable (instant navigation too) */
  } else {
    document.addEventListener("DOMContentLoaded", soon);
  }
  window.addEventListener("resize", soon);
})();
