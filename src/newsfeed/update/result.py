"""The outcome of refreshing one source: counts, or the error. Refreshing many sources
yields one of these per source and never stops at a bad one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RefreshResult:
    source_id: int
    url: str
    ok: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error_code: str | None = None
    error_message: str | None = None
    next_fetch_at: datetime | None = None
    elapsed_s: float = 0.0
    pages_fetched: int = 0
    page_errors: int = 0

    @property
    def summary(self) -> str:
        if not self.ok:
            return f"{self.error_code}: {self.error_message}"
        if self.not_modified:
            return "not modified"
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
