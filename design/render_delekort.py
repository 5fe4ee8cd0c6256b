"""Render the share card (design/delekort.svg) to docs/assets/delekort.png, 1200×630.

Run after editing the SVG: ``.venv/bin/python design/render_delekort.py``. It uses the same
headless Chromium as the browser tests (Debian's /usr/bin/chromium through Playwright), so
the PNG is the SVG exactly as a browser draws it with the machine's DejaVu fonts.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "delekort.svg"
TARGET = HERE.parent / "docs" / "assets" / "delekort.png"
WIDTH, HEIGHT = 1200, 630


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(
            "<html><body style='margin:0'>" + SOURCE.read_text(encoding="utf-8") + "</body></html>"
        )
        page.screenshot(path=str(TARGET), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
