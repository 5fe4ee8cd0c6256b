"""Danish stemming for the visitor's search query, not only for the index.

Material stems the indexed words with lunr's Danish stemmer, but it appends ``*`` to every
query term for prefix search, and lunr skips the stemmer for any term with a wildcard. So
"tilflytterne" is looked up as ``tilflytterne*`` and never meets the indexed stem
"tilflyt". The patch below, appended to the Danish lunr file the search worker loads,
stems such a term before the wildcard is applied, so inflected forms find each other.
"""

from __future__ import annotations

LUNR_DA_PATH = "assets/javascripts/lunr/min/lunr.da.min.js"

_PATCH = """
/* Kommunernes Netværk for Landdistriktskoordinatorer: stem Danish prefix queries. */
(function () {
  if (typeof lunr === "undefined" || !lunr.da || !lunr.Query) { return; }
  var addClause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (clause) {
    if (clause && clause.usePipeline === false && typeof clause.term === "string" &&
        /^[^*]+\\*$/.test(clause.term)) {
      var stem = lunr.da.stemmer(new lunr.Token(clause.term.slice(0, -1))).toString();
      if (stem) { clause.term = stem + "*"; }
    }
    return addClause.call(this, clause);
  };
})();
"""


def patch_lunr_da(original: str) -> str:
    """The theme's Danish lunr file with the query-stemming patch appended."""
    return original.rstrip() + "\n" + _PATCH
