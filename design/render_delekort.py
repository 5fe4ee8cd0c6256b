"""Render the share card (design/delekort.svg) to docs/assets/delekort.png, 1200×630, and the
logo (design/logo.svg) to docs/assets/netvaerk.png, 512×512.

Run after editing the SVG: ``.venv/bin/python design/render_delekort.py``. It uses the same
headless Chromium as the browser tests (Debian's /usr/bin/chromium through Playwright), so
the PNG is the SVG exactly as a browser draws it with the machine's DejaVu fonts.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "docs" / "assets"
IMAGES = [  # source, target, width, height
    (HERE / "delekort.svg", ASSETS / "delekort.png", 1200, 630),
    (HERE / "logo.svg", ASSETS / "netvaerk.png", 512, 512),
]


def main() -> None:
    ASSETS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for source, target, width, height in IMAGES:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_content(
                "<html><body style='margin:0'>"
                + source.read_text(encoding="utf-8")
                + "</body></html>"
            )
            clip = {"x": 0, "y": 0, "width": width, "height": height}
            page.screenshot(path=str(target), clip=clip)
            page.close()
            print(f"wrote {target}")
        browser.close()


if __name__ == "__main__":
    main()
