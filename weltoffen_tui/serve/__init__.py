"""The app in a browser: ``weltoffen serve`` and the live workshop (aiohttp).

Sits between the TUI (whose moderator screen starts a server) and the rendering layer;
it never imports the TUI. Without a workshop each browser gets its own app process
(textual-serve, started by command line); in a live workshop participants answer in
plain HTML forms served by the server process itself (``workshop.py``, ``forms.py``).
"""
