from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from .jadwal import BULAN, JENIS_LABEL
from .models import RencanaAksi

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


class KeputusanForm(forms.ModelForm):
    """The Keputusan's own text and the Lampiran's layout; Menimbang, Mengingat and diktum are
    written one item per paragraph (a blank line between items) and numbered in order."""

    menimbang = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Satu butir per paragraf; pisahkan butir dengan satu baris kosong. "
        "Huruf a., b., … diberikan otomatis.",
    )
    mengingat = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Satu butir per paragraf; nomor 1., 2., … diberikan otomatis.",
    )
    diktum = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Satu diktum per paragraf; KESATU, KEDUA, … diberikan otomatis.",
    )

    class Meta:
        model = RencanaAksi
        fields = [*RencanaAksi.KEPUTUSAN_FIELDS, *RencanaAksi.LAYOUT_FIELDS]
        widgets = {
            "tentang": forms.Textarea(attrs={"rows": 3}),
            "menetapkan": forms.Textarea(attrs={"rows": 3}),
            "judul_lampiran": forms.Textarea(attrs={"rows": 2}),
            "tanggal_penetapan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, butir=None, **kwargs):
        super().__init__(*args, **kwargs)
        for jenis, items in (butir or {}).items():
            self.fields[jenis].initial = "\n\n".join(b.teks for b in items)
        for name in (
            "nomor",
            "tentang",
            "tempat_penetapan",
            "tanggal_penetapan",
            "penandatangan_jabatan",
            "penandatangan_nama",
        ):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        for jenis in ("menimbang", "mengingat", "diktum"):
            text = (data.get(jenis) or "").replace("\r\n", "\n")
            items = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
            if not items:
                self.add_error(jenis, "Isi paling sedikit satu butir.")
            data[f"{jenis}_items"] = items
        return data


class VerifikasiForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas PDF yang ingin dicek",
        help_text="Berkas hanya dihitung sidik jarinya (sha256), tidak disimpan.",
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > 50 * 1024 * 1024:
            raise forms.ValidationError("Berkas lebih dari 50 MB; dokumen asli jauh lebih kecil.")
        return berkas


# The largest id a query string may name: what every database here stores in an id column.
MAX_ID = 2**31 - 1


class QueryForm(forms.Form):
    """Values read from a query string: what does not parse is left out (the field's empty
    value), so a hand-edited or hostile URL gets the page unfiltered, never an error."""

    @classmethod
    def values(cls, query):
        form = cls(query)
        form.is_valid()
        return {
            name: form.cleaned_data.get(
                name, field.empty_value if hasattr(field, "empty_value") else None
            )
            for name, field in form.fields.items()
        }


def tanpa_kendali(value):
    """Refuse NUL and the other control characters (a line break or a tab is text): no
    database keeps a NUL, and none belongs in a plan."""
    if any(ord(ch) < 32 and ch not in "\t\n\r" or ord(ch) == 127 for ch in value):
        raise forms.ValidationError("Teks berisi karakter kendali; hapus lalu kirim lagi.")


class AmandemenForm(forms.Form):
    """The reason an adopted plan is changed (required there by the services)."""

    alasan = forms.CharField(required=False, max_length=1000, validators=[tanpa_kendali])


class GeserForm(AmandemenForm):
    """Move an item one place: the direction said explicitly."""

    arah = forms.ChoiceField(choices=[("naik", "naik"), ("turun", "turun")])


def id_field():
    return forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class RencanaBaruForm(forms.Form):
    """A new draft plan: which office (one the user may edit; checked by the view) and year."""

    satker = forms.IntegerField(min_value=1, max_value=MAX_ID)
    tahun = forms.IntegerField(
        min_value=2000, max_value=2100, error_messages={"invalid": "Tahun rencana tidak sah."}
    )


class BarisJudulForm(forms.Form):
    """The header row the user picked on the import's mapping form: 1-based, 0 for none,
    empty for "find it"."""

    baris_judul = forms.IntegerField(required=False, min_value=0, max_value=1000)


def next_url(request, fallback):
    """The `next` address a form or link names, if it is a path on this site; else
    `fallback`. Never a bare word, which redirect() would try as a view name."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
