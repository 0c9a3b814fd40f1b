"""Plan exchange: a plan's Lampiran out to Excel and in from Excel or Word. Every format reads
into the same rows (lampiran.Baris) and goes through the same reading of rows into a plan
(lampiran.rows_to_plan), which names every problem by sheet, row and column before anything
is written; services.rencana_isi_replace writes the result in one transaction."""
