import factory
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from demo import generate
from rencana_aksi.models import Membership, Satker, User
from rencana_aksi.services import satker_create


class SatkerFactory(factory.django.DjangoModelFactory):
    """Offices made as the app makes them, with their path in the tree."""

    class Meta:
        model = Satker

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return satker_create(**kwargs)

    slug = factory.Sequence(lambda n: f"kpu-kab-uji-{n}")
    nama = factory.Sequence(lambda n: f"KPU Kabupaten Uji {n}")
    nama_lengkap = factory.LazyAttribute(lambda o: o.nama.replace("KPU", "Komisi Pemilihan Umum"))
    tingkat = Satker.Tingkat.KABKOTA
    kota = "Uji"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji-123")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    satker = factory.SubFactory(SatkerFactory)
    role = "anggota"


def plan_data(satker, **size):
    """Plan data in the fixtures' shape, of any size (demo.generate.plan_data)."""
    return generate.plan_data(satker.slug, **size)


def plan_create(satker, **size):
    return generate.plan_create(satker, **size)


def login_redirect(response):
    """The response sends an anonymous visitor to the login page."""
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def admin_form_data(page, **changes):
    """The POST data of a Django admin change page as it was shown (main form and every
    inline), with `changes` to the main form's fields."""
    form = page.context["adminform"].form
    data = {
        k: getattr(v, "pk", v)
        for k, v in form.initial.items()
        if v is not None and k in form.fields and not isinstance(v, FieldFile)
    }
    data.update(changes)
    for inline in page.context["inline_admin_formsets"]:
        fs = inline.formset
        data.update({f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()})
        for i, f in enumerate(fs.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                value = getattr(value, "pk", value)
                if isinstance(value, list):
                    value = [getattr(v, "pk", v) for v in value]
                if value is not None and value is not False:
                    data[f"{fs.prefix}-{i}-{name}"] = value
    return data


def signs_in(client, username, password, ip="127.0.0.1"):
    """Sign in through the login page, as a browser does (the lockout counts by address, so a
    bare client.login without a request is refused): True when it let the user in."""
    response = client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code == 302 and "_auth_user_id" in client.session
