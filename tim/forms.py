"""Request data → clean values for the team, account and office-settings pages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password

from rencana_aksi.models import Indikator, Membership, Role, Satker, User

from .logo import LogoRefused, logo_check
from .services import AREA_ROLES, areas_of

_ROLE_CHOICES = Role.choices


class MasukForm(AuthenticationForm):
    """Sign in with a username or an email address."""

    username = forms.CharField(label="Nama pengguna atau email", max_length=254)
    password = forms.CharField(label="Kata sandi", strip=False, widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": "Nama pengguna/email atau kata sandi salah. Periksa lalu coba lagi.",
        "inactive": "Akun ini dinonaktifkan.",
    }


class UndangForm(forms.Form):
    email = forms.EmailField(label="Email")
    nama = forms.CharField(label="Nama (boleh kosong)", required=False, max_length=150)
    role = forms.ChoiceField(label="Peran", choices=_ROLE_CHOICES)
    areas = forms.ModelMultipleChoiceField(
        label="Area tugas (Koordinator dan Anggota)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas_of(satker)
        self.fields["areas"].label_from_instance = lambda a: f"{a.nomor}. {a.nama}"


class ImporForm(forms.Form):
    berkas = forms.FileField(label="Berkas CSV", required=False)
    # The checked file travels back with the confirmation and is checked again.
    isi = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2 * 1024 * 1024)

    def clean(self):
        data = super().clean()
        if not data.get("berkas") and not data.get("isi"):
            raise forms.ValidationError("Pilih berkas CSV.")
        return data

    def content(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas:
            return b"".join(berkas.chunks())
        return self.cleaned_data["isi"].encode("utf-8")


class PeranForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Peran", choices=_ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


def _members_of(satker, roles=None):
    qs = User.objects.filter(
        pk__in=Membership.objects.filter(
            satker=satker, **({"role__in": roles} if roles else {})
        ).values("user_id")
    )
    return qs.order_by("first_name", "username")


class StatusAnggotaForm(forms.Form):
    """Activate ("1") or deactivate ("0") a member: said explicitly, so an empty or garbled
    post changes nothing."""

    aktif = forms.TypedChoiceField(choices=[("1", "aktif"), ("0", "nonaktif")], coerce=int)


class AreaTugasForm(forms.Form):
    anggota = forms.ModelMultipleChoiceField(queryset=None, label="Anggota")
    area = forms.ModelChoiceField(queryset=None, label="Area", empty_label="Pilih area")
    lepas = forms.BooleanField(required=False)

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anggota"].queryset = _members_of(satker, AREA_ROLES)
        self.fields["area"].queryset = areas_of(satker)


class PicForm(forms.Form):
    indikator = forms.ModelMultipleChoiceField(queryset=None, label="Indikator")
    pic = forms.ModelChoiceField(
        queryset=None, label="PIC", required=False, empty_label="(tanpa PIC)"
    )

    def __init__(self, *args, rencana, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = Indikator.objects.filter(
            komponen__area__rencana=rencana
        )
        self.fields["pic"].queryset = _members_of(rencana.satker)


class SatkerBaruForm(forms.ModelForm):
    email_admin = forms.EmailField(label="Email Admin satker pertamanya")

    class Meta:
        model = Satker
        fields = ["slug", "nama", "nama_lengkap", "wilayah", "kota"]
        labels = {"slug": "Slug (alamat singkat, mis. kpu-kab-madiun)"}


PENGATURAN_FIELDS = [
    "logo",
    "kota",
    "penandatangan_jabatan",
    "penandatangan_nama",
    "salinan_unit",
    "salinan_jabatan",
    "salinan_nama",
    "pengingat_hari",
]


class PengaturanForm(forms.ModelForm):
    class Meta:
        model = Satker
        fields = PENGATURAN_FIELDS
        widgets = {"logo": forms.FileInput(attrs={"accept": "image/png,image/svg+xml"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            try:
                ext = logo_check(logo)
            except LogoRefused as exc:
                raise forms.ValidationError(f"Logo tidak disimpan: {exc}") from None
            logo.name = f"{self.instance.slug}.{ext}"
        return logo

    def clean_pengingat_hari(self):
        value = self.cleaned_data["pengingat_hari"]
        if not 1 <= value <= 60:
            raise forms.ValidationError("Isi antara 1 dan 60 hari.")
        return value


class ProfilForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "telepon"]
        labels = {"first_name": "Nama depan", "last_name": "Nama belakang"}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Email ini sudah dipakai akun lain.")
        return email


class AkunBaruForm(forms.Form):
    """The account an invitee makes on the invitation page."""

    first_name = forms.CharField(label="Nama lengkap", max_length=150)
    username = forms.RegexField(
        label="Nama pengguna",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Hanya huruf, angka dan . @ + - _"},
    )
    password1 = forms.CharField(label="Kata sandi", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Ulangi kata sandi", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", "Kedua kata sandi tidak sama.")
        elif data.get("password1"):
            user = User(username=data.get("username", ""), email=self.email)
            try:
                validate_password(data["password1"], user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class PilihSatkerForm(forms.Form):
    satker = forms.IntegerField(min_value=1)
