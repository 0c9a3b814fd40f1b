"""Writes to the plan catalogue, one module per topic; each function is one business action in
one transaction. Callers import from here."""

from .dokumen import dokumen_matches, dokumen_render, dokumen_request
from .keputusan import DIKTUM_LABELS, butir_labels, keputusan_update
from .penyuntingan import JENIS, isi_geser, isi_hapus, isi_tambah, isi_ubah
from .pertukaran import (
    PertukaranError,
    pemetaan_for,
    pemetaan_save,
    pic_unknown,
    rencana_draft_for,
    rencana_isi_replace,
    rencana_tahun_berikut,
    rencana_tetapkan,
)
from .rencana import (
    SuntingError,
    amandemen,
    indikator_capaian_values,
    isi_delete,
    isi_owners,
    isi_save,
    jadwal_set,
    membership_delete,
    membership_save,
    rencana_aksi_import,
    target_waktu_update,
    target_waktu_values,
)
from .riwayat import changes_record, field_label, riwayat_record
from .satker import SatkerError, satker_create, satker_move, satker_update

__all__ = [
    "DIKTUM_LABELS",
    "JENIS",
    "SuntingError",
    "amandemen",
    "isi_geser",
    "isi_hapus",
    "isi_tambah",
    "isi_ubah",
    "PertukaranError",
    "pemetaan_for",
    "pemetaan_save",
    "pic_unknown",
    "rencana_draft_for",
    "rencana_isi_replace",
    "rencana_tahun_berikut",
    "rencana_tetapkan",
    "SatkerError",
    "butir_labels",
    "changes_record",
    "dokumen_matches",
    "dokumen_render",
    "dokumen_request",
    "field_label",
    "indikator_capaian_values",
    "isi_delete",
    "isi_owners",
    "isi_save",
    "jadwal_set",
    "keputusan_update",
    "membership_delete",
    "membership_save",
    "rencana_aksi_import",
    "riwayat_record",
    "satker_create",
    "satker_move",
    "satker_update",
    "target_waktu_update",
    "target_waktu_values",
]
