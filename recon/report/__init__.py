"""The discrepancy report: one data shape (``document``), three renderings (JSON, Markdown, HTML)."""
