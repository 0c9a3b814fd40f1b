from django import forms

from rencana_aksi.forms import id_field

from .models import Kerangka


class JawabanForm(forms.Form):
    sub = id_field()
    jawaban = forms.CharField(required=False, max_length=10)
    angka = forms.DecimalField(required=False, min_value=0, max_value=100, decimal_places=2)
    catatan = forms.CharField(required=False, max_length=4000)
    sumber = forms.CharField(required=False, max_length=300)


class TpiForm(forms.Form):
    sub = id_field()
    nilai = forms.DecimalField(required=False, min_value=0, max_value=100, decimal_places=2)
    catatan = forms.CharField(required=False, max_length=4000)


class PengaturanForm(forms.Form):
    sudah_wbk = forms.BooleanField(required=False)
    kerangka = forms.ModelChoiceField(queryset=Kerangka.objects.all(), required=False)


class KesiapanForm(forms.Form):
    nomor = forms.IntegerField(min_value=0, max_value=99)
    ya = forms.BooleanField(required=False)
    catatan = forms.CharField(required=False, max_length=2000)
    bukti = id_field()
