"""Characters that no editor's text may hold, and how to say so in Danish.

Every text from the data and the news files can end up in the Atom feed, which is XML 1.0:
it cannot hold C0 control characters (but tab, line feed and carriage return), lone
surrogates (half of a character, which a YAML escape such as ``"\\ud800"`` can write) or
U+FFFE and U+FFFF (no characters at all). DEL and the C1 controls are allowed by XML but
are invisible and come only from copying, so they are refused as well. One rule for the
YAML values (``content/yamlsource.py``) and the Markdown of the news files
(``text/safe_markdown.py``).
"""

from __future__ import annotations

import re

# Every control character except tab and line feed; and what XML 1.0 has no place for.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_message(char: str) -> str:
    """The Danish problem for a character ``FORBIDDEN`` found in a text."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        what = f"et halvt tegn ({code}, en »surrogat« uden sin anden halvdel)"
    elif char in "\ufffe\uffff":
        what = f"et tegn, der ikke findes ({code})"
    else:
        what = f"et usynligt styretegn ({code})"
    return (
        f"teksten indeholder {what}, som ikke kan vises og ødelægger fx nyhedsfeedet; "
        "slet det (det kommer ofte med ved kopiering)"
    )
