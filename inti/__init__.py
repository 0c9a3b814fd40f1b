"""The core every app stands on, with no domain of its own: background work (antrean), backup
and restore (cadangan), spreadsheet cells (xlsx), how sizes and times read (tampil), query
expressions (ekspresi) and the PDF renderer's static-only fetcher (cetak)."""
