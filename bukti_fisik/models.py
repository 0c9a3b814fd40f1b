"""Evidence uploads, reviews and progress: built in the evidence issue. It may import
rencana_aksi, never the reverse."""
