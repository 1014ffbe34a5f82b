"""The pure core: questionnaire packs, assessments, scoring, storage and reports.

Nothing in here imports Textual; the TUI and the CLI build on these modules.
"""
