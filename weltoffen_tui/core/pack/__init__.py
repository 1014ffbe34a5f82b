"""Questionnaire packs: models, loading (with caches), checking, cheap counts."""
