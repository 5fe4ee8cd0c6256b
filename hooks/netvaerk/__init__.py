"""The network's site core: data files in, validated model, pages, calendar and news out.

Everything in this package is plain, typed Python with no knowledge of MkDocs, so tests
import it directly and the MkDocs glue (``hooks/site_hooks.py``) stays thin.
"""
