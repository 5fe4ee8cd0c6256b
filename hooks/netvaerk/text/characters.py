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

# What no text may hold, by kind, and how a message names one (``{code}``: U+0001). The
# classes are regular-expression source that Python's ``re`` and JavaScript's ``u``-flag
# RegExp read alike (``\uXXXX`` escapes, code points): the browser editor's rules
# (``content/rules.py`` → ``admin/netvaerk-rules.js``) compile the same text.
# Every control character except tab and line feed; and what XML 1.0 has no place for.
KINDS: tuple[tuple[str, str], ...] = (
    (r"\u0000-\u0008\u000b-\u001f\u007f-\u009f", "et usynligt styretegn ({code})"),
    (r"\ud800-\udfff", "et halvt tegn ({code}, en »surrogat« uden sin anden halvdel)"),
    (r"\ufffe\uffff", "et tegn, der ikke findes ({code})"),
)
# Any of them (the first one found in a text is the one reported).
FORBIDDEN_SOURCE = "[" + "".join(chars for chars, _ in KINDS) + "]"
FORBIDDEN = re.compile(FORBIDDEN_SOURCE)
MESSAGE = (
    "teksten indeholder {what}, som ikke kan vises og ødelægger fx nyhedsfeedet; "
    "slet det (det kommer ofte med ved kopiering)"
)


def code(char: str) -> str:
    """A character as its code point is written: U+FFFE."""
    return f"U+{ord(char):04X}"


def forbidden_message(char: str) -> str:
    """The Danish problem for a character ``FORBIDDEN`` found in a text."""
    # re compiles each kind on first use (its cache): only a message needs them, and the
    # surrogates' class alone cost every build's import ~1.3 M instructions.
    what = next(what for chars, what in KINDS if re.match(f"[{chars}]", char))
    return MESSAGE.format(what=what.format(code=code(char)))
