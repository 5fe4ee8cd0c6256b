"""The network's site core: data files in, validated model, pages, calendar and news out.

Everything in this package is plain, typed Python with no knowledge of MkDocs, so tests
import it directly and the MkDocs glue (``hooks/site_hooks.py``) stays thin.

Its records are ``typing.NamedTuple``, not dataclasses: Python 3.11 compiles each of a
dataclass's generated methods from source when the class is defined, ~3 M instructions a
record on every build's import against ~1 M (32 records: ~80 M). ``Site`` and ``Derived``
stay dataclasses for the lookup tables their ``__post_init__`` builds (tests/test_records.py).
"""
