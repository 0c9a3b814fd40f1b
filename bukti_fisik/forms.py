"""Request data → clean values for the evidence pages. Files are judged in the service
(bukti_fisik.uploads), after they have been received and hashed."""

from django import forms
from django.utils import timezone

from rencana_aksi.forms import QueryForm, id_field
from rencana_aksi.models import LangkahAksi


class UnggahForm(forms.Form):
    tanggal_dokumen = forms.DateField(
        label="Tanggal dokumen",
        help_text="Tanggal pada dokumennya (bukan tanggal unggah).",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    catatan = forms.CharField(
        label="Catatan", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_tanggal_dokumen(self):
        value = self.cleaned_data["tanggal_dokumen"]
        if value > timezone.localdate():
            raise forms.ValidationError("Tanggal dokumen tidak boleh di masa depan.")
        return value


class TinjauForm(forms.Form):
    keputusan = forms.ChoiceField(
        choices=[("setujui", "Verifikasi"), ("kembalikan", "Kembalikan untuk perbaikan")]
    )
    catatan = forms.CharField(required=False, max_length=2000)
    revisi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == "kembalikan" and not (data.get("catatan") or "").strip():
            self.add_error("catatan", "Catatan wajib diisi saat mengembalikan bukti.")
        return data


class LangkahStatusForm(forms.ModelForm):
    class Meta:
        model = LangkahAksi
        fields = ["status", "status_tanggal", "status_catatan"]
        labels = {"status_tanggal": "Tanggal", "status_catatan": "Catatan"}
        widgets = {
            "status_tanggal": forms.DateInput(
                attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
            ),
            "status_catatan": forms.TextInput(),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") != LangkahAksi.Status.BELUM_MULAI and not data.get("status_tanggal"):
            self.add_error("status_tanggal", "Isi tanggal mulai atau selesai.")
        return data


class KendalaForm(forms.Form):
    kendala = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ArahanForm(forms.Form):
    teks = forms.CharField(
        label="Arahan",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        error_messages={"required": "Tuliskan arahannya."},
    )


class ArahanAreaForm(ArahanForm):
    """An arahan on one of the plan's areas."""

    area = forms.ModelChoiceField(
        queryset=None, error_messages={"invalid_choice": "Pilih salah satu area rencana ini."}
    )

    def __init__(self, *args, rencana, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = rencana.areas.all()


class AreaQuery(QueryForm):
    area = id_field()
