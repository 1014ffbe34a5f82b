"""Tests that kill the mutants mutmut makes of core/textsafe (scripts/mutation.sh)."""

from __future__ import annotations
