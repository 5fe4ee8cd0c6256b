// The site's additions to Decap CMS at /admin/ (the configuration itself is generated from
// the data model by hooks/netvaerk/editing/cms.py).
//
// Before every save, empty form fields are left out of the YAML: Decap keeps a cleared text
// box as "" and an untouched optional group as {}, and the data files' rules (make check)
// refuse an empty text. Left out, an optional field simply takes its default.
(function () {
  "use strict";

  function isCollection(value) {
    return value !== null && typeof value === "object" && typeof value.toJS === "function";
  }

  function isEmpty(value) {
    if (value === undefined || value === null) return true;
    if (typeof value === "string") return value.trim() === "";
    if (isCollection(value)) return value.size === 0;
    return false;
  }

  function prune(value) {
    if (!isCollection(value)) return value;
    return value.map(prune).filter(function (item) {
      return !isEmpty(item);
    });
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return prune(event.entry.get("data"));
    },
  });
})();
