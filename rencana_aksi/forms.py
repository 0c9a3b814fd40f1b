from django import forms

from .jadwal import BULAN, JENIS_LABEL

_BULAN_CHOICES = [(str(i), nama) for i, nama in enumerate(BULAN, 1)]


class JadwalForm(forms.Form):
    """Correct the schedule read from a target waktu; the printed text stays as adopted."""

    jenis = forms.ChoiceField(label="Jenis jadwal", choices=list(JENIS_LABEL.items()))
    bulan = forms.TypedMultipleChoiceField(
        label="Bulan (untuk satu bulan atau beberapa bulan)",
        choices=_BULAN_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mulai = forms.TypedChoiceField(
        label="Dari bulan (rentang)",
        choices=[("", "—")] + _BULAN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    selesai = forms.TypedChoiceField(
        label="Sampai bulan (rentang)",
        choices=[("", "—")] + _BULAN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )

    def clean(self):
        data = super().clean()
        jenis, bulan = data.get("jenis"), sorted(set(data.get("bulan") or []))
        if jenis == "bulan":
            if len(bulan) != 1:
                raise forms.ValidationError("Pilih tepat satu bulan untuk jadwal satu bulan.")
            data["nilai_bulan"] = bulan
        elif jenis == "daftar":
            if len(bulan) < 2:
                raise forms.ValidationError("Pilih paling sedikit dua bulan untuk daftar bulan.")
            data["nilai_bulan"] = bulan
        elif jenis == "rentang":
            mulai, selesai = data.get("mulai"), data.get("selesai")
            if not mulai or not selesai:
                raise forms.ValidationError("Isi bulan awal dan bulan akhir rentang.")
            if mulai > selesai:
                raise forms.ValidationError("Bulan awal rentang harus sebelum bulan akhir.")
            data["nilai_bulan"] = [mulai, selesai]
        else:
            data["nilai_bulan"] = []
        return data
