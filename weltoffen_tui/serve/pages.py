"""The HTML pages the server sends: access form, refusals, and the page of the app.

Every page is self-contained (inline styles, fonts from the package): nothing is
fetched from the internet, so the server works offline. All text is German; whatever
comes from a request is HTML-escaped.
"""

from __future__ import annotations

from html import escape

_STYLE = """
body { background: #0c181f; color: #f2f2f2; font-family: "Roboto Mono", monospace;
       display: flex; min-height: 95vh; align-items: center; justify-content: center; }
main { background: #12232d; padding: 2rem 2.5rem; max-width: 34rem; line-height: 1.5; }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 1rem 0 .3rem; }
input { font: inherit; font-size: 1.4rem; letter-spacing: .25rem; padding: .4rem .6rem;
        width: 12rem; text-transform: uppercase; }
button { font: inherit; padding: .6rem 1.4rem; margin-top: 1rem; background: #5e0ba7;
         color: #fff; border: 2px solid #fff; cursor: pointer; }
button:focus, input:focus { outline: 3px solid #ffd54a; outline-offset: 2px; }
.error { background: #5a1010; border-left: 4px solid #ff8a80; padding: .5rem .8rem; }
"""

FONT_FACE = """
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def access_form(title: str, error: str = "") -> str:
    """The form that asks for the access code."""
    problem = f'<p class="error" role="alert">{escape(error)}</p>\n' if error else ""
    return _page(
        title,
        f"<h1>{escape(title)}</h1>\n{problem}"
        '<form method="post" action="/zugang">\n'
        '<label for="code">Zugangscode (steht auf dem Bildschirm der Moderation)</label>\n'
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" maxlength="20" required autofocus>\n'
        '<br><button type="submit">Weiter</button>\n</form>',
    )


def message(title: str, text: str) -> str:
    """A page with one message (refused, not found, round ended)."""
    return _page(title, f"<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>")


def app_page(title: str, websocket_url: str) -> str:
    """The page that runs the app in xterm.js (textual-serve's client, German texts)."""
    t = escape(title)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{t}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<script src="/static/js/textual.js"></script>
<style>
{FONT_FACE}
body {{ background: #0c181f; margin: 0; }}
.dialog-container {{ position: absolute; width: 100vw; height: 100vh; display: flex;
  align-items: center; justify-content: center; z-index: 10; }}
.intro {{ width: 640px; min-height: 200px; font-size: 16px; z-index: 20;
  font-family: "Roboto Mono", monospace; text-align: center; color: rgba(255,255,255,.95);
  background-color: #12232d; display: flex; flex-direction: column; align-items: center;
  justify-content: center; margin: 32px; padding: 16px; }}
body.-first-byte .intro-dialog {{ display: none; }}
body .textual-terminal {{ opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
body button {{ padding: 16px 32px; background-color: #5e0ba7; color: #fff; border: none;
  font-family: "Roboto Mono", monospace; margin: 16px; display: block; cursor: pointer; }}
.closed-dialog {{ display: none; }}
body.-closed .closed-dialog {{ display: flex; }}
#terminal {{ height: 100vh; }}
</style>
</head>
<body>
<div class="dialog-container intro-dialog"><div class="intro">
<div>{t}</div><div>Wird gestartet …</div></div></div>
<div class="dialog-container closed-dialog"><div class="intro">
<div class="message">Die Sitzung ist beendet. Ihre Antworten sind gespeichert.</div>
<button type="button" onclick="window.location.reload()">Neu verbinden</button>
</div></div>
<div id="terminal" class="textual-terminal"
  data-session-websocket-url="{escape(websocket_url)}" data-font-size="16"></div>
</body>
</html>
"""
