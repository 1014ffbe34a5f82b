"""The app in a browser: ``weltoffen serve`` and the live workshop (textual-serve, aiohttp).

Sits between the TUI (whose moderator screen starts a server) and the rendering layer;
it never imports the TUI: each browser gets its own app process, started by command line.
"""
