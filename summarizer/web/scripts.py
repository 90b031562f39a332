"""The page's own JavaScript: its language, chosen before Gradio starts and switched in place.

`HEAD` runs first in the page's ``<head>`` (`HeadScript` puts it there: Gradio adds
``launch(head=…)`` only once it has started, its language already chosen): it picks the
page's language (the address's ``?lang=``, else the `texts.COOKIE`, else the first of the browser's
languages that we speak, else English — as `texts.pick_language` does on the server) and
shows it to Gradio as the browser's language, so that Gradio's own words (the upload box,
the footer, the progress) are in the page's language too, never in a third one.

`SWITCH` runs when the visitor picks a language: it keeps the choice (cookie and address)
and switches Gradio's words in place (its ``changeLocale``), the transcript and the brief
staying where they are; where that function cannot be found (another Gradio build), the
page reloads in the chosen language instead. The handlers then say again, in that
language, what the server wrote on the page (`handlers.switch_language`).
"""

from __future__ import annotations

import json

from ..document import LANGUAGES
from .texts import COOKIE, UI

_PICK = f"""
const known = {json.dumps(list(LANGUAGES))};
const pick = (tag) => {{ const code = String(tag || "").slice(0, 2).toLowerCase(); return known.includes(code) ? code : null; }};
const keep = (lang) => {{ document.cookie = "{COOKIE}=" + lang + "; path=/; max-age=31536000; SameSite=Lax"; }};
const titles = {json.dumps({code: UI[code]["title"] for code in LANGUAGES}, ensure_ascii=False)};
"""

HEAD = f"""<script>
(() => {{
{_PICK}
  const asked = pick(new URLSearchParams(location.search).get("lang"));
  const saved = pick((document.cookie.match(/(?:^|;\\s*){COOKIE}=([^;]*)/) || [])[1]);
  const lang = asked || saved || [...(navigator.languages || []), navigator.language].map(pick).find(Boolean) || "en";
  if (asked) keep(asked);
  Object.defineProperty(navigator, "language", {{ get: () => lang, configurable: true }});
  Object.defineProperty(navigator, "languages", {{ get: () => [lang], configurable: true }});
  document.documentElement.lang = lang;
  performance.setResourceTimingBufferSize(10000);  // SWITCH finds Gradio's core module among them
}})();
</script>"""
"""The page's first script (`HeadScript`)."""

SWITCH = f"""async (lang, ...rest) => {{
{_PICK}
  lang = pick(lang) || "en";
  keep(lang);
  const address = new URL(location.href);
  address.searchParams.set("lang", lang);
  history.replaceState(history.state, "", address);
  const core = performance.getEntriesByType("resource").map((entry) => entry.name)
    .find((name) => /\\/assets\\/core-[\\w-]+\\.js$/.test(name));
  try {{
    (await import(core)).changeLocale(lang);
    document.title = titles[lang];
  }} catch (error) {{
    location.reload();
  }}
  return [lang, ...rest];
}}"""
"""For the language control's event: its inputs go on to the handler unchanged."""

PAGE_LANGUAGE = f"""(...values) => {{
{_PICK}
  const lang = pick(document.documentElement.lang) || "en";
  document.title = titles[lang];
  return [lang, ...values.slice(1)];
}}"""
"""For the page's load event: the language `HEAD` chose, as its first input (and the
browser tab's title in it)."""


class HeadScript:
    """ASGI middleware: `HEAD` first in the ``<head>`` of the app's page (``/``, under a root
    path too), so that it runs before Gradio's own scripts. Files (an uploaded HTML page
    among them) pass as they are."""

    def __init__(self, app, script: str = HEAD):
        self.app = app
        self.script = script.encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].endswith("/"):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        held: list[bytes] = []

        async def inject(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {name.lower(): value for name, value in message.get("headers", [])}
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message  # held until the whole page is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                held.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = b"".join(held)
                at = page.find(b"<head>")
                if at >= 0:
                    page = page[:at + 6] + self.script + page[at + 6:]
                headers = [(name, value) for name, value in start.get("headers", [])
                           if name.lower() != b"content-length"]
                await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
                message = {"type": "http.response.body", "body": page}
            await send(message)

        await self.app(scope, receive, inject)


__all__ = ["HEAD", "SWITCH", "PAGE_LANGUAGE", "HeadScript"]
