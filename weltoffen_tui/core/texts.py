"""The glossary: one German word per thing, and the sentences that repeat.

Why: the same thing was called "Zusammenfassung" here and "Auswertung" there, "Stand"
here and "Status" there. Every document, the CLI and the TUI take their terms from this
module, so a term is changed in one place and reads the same everywhere.
"""

from __future__ import annotations

# Things
SUMMARY = "Auswertung"
REPORT = "Bericht"
FIELD = "Handlungsfeld"
FIELDS = "Handlungsfelder"
QUESTION = "Frage"
ANSWERED = "Beantwortet"
POINTS = "Punkte"
LEVEL = "Stufe"
OVERALL = "Gesamtbild"
STRENGTHS = "Stärken"
PRIORITIES = "Prioritäten"
KNOWLEDGE_GAPS = "Wissenslücken („Weiß nicht“)"
RECOMMENDATIONS = "Anregungen zur Weiterarbeit"
ARTICLES = "Wissensartikel"
ACTION_PLAN = "Maßnahmenplan"
MEASURE = "Maßnahme"
RESPONSIBLE = "Zuständig"
DUE = "Fällig"
STATUS = "Stand"
NOTE = "Notiz"
RECOMMENDATION = "Anregung"
NUMBER = "Nr."
SPREAD = "Spannweite"
DISCUSSION_POINTS = "Diskussionspunkte"
CHANGE = "Veränderung"
DEVELOPMENT = "Entwicklung"
PRELIMINARY = "vorläufig"
NO_LEVEL = "keine Angabe"
MUNICIPALITY = "Kommune"
KIND = "Art"
DATE = "Datum"
PROGRESS = "Fortschritt"
LAST_CHANGED = "Zuletzt geändert"
FILE = "Datei"
RESPONDENTS = "Beteiligte"
CONSULTANT = "Begleitung"
PERSPECTIVE = "Perspektive"
SOURCES = "Gemeinsam aus"
WHO = "Wer"
EFFORT = "Aufwand"
HINT = "Hinweis"
UNREADABLE = "nicht lesbar"

# Sentences
NO_STRENGTH = "Noch keine Stärke erkennbar."
NO_PRIORITY = "Keine Priorität: alles fest verankert."
NO_RECOMMENDATIONS = "Noch keine Anregungen: beantworten Sie zuerst einige Fragen."
ORPHANS_TITLE = "Antworten ohne passende Frage"
ORPHANS_EXPLAINED = (
    "Diese Antworten gehören zu Fragen, die der Fragebogen in dieser Version nicht mehr "
    "enthält. Sie bleiben in der Datei erhalten."
)
EMPTY_PLAN = (
    "Noch keine Maßnahmen. Übernehmen Sie Anregungen aus der Auswertung in den Maßnahmenplan."
)
NO_DIFFERENCES = "Keine Unterschiede: alle Einschätzungen stimmen überein."
