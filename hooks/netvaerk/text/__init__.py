"""Danish wording and Markdown/HTML text helpers shared by every output and by error
messages: dates, status words, sentences about a meeting, escaping, URLs."""
