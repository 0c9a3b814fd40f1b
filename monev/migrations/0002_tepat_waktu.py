from django.db import migrations, models


class Migration(migrations.Migration):
    """What was stored as "tepat waktu" is verified among the slots due; it keeps its values
    under that name, and the real on-time figure starts empty beside it."""

    dependencies = [("monev", "0001_snapshot")]

    operations = [
        migrations.RenameField("snapshot", "tepat_waktu", "jatuh_tempo_terverifikasi"),
        migrations.AddField(
            model_name="snapshot",
            name="tepat_waktu",
            field=models.DecimalField(decimal_places=2, max_digits=5, null=True),
        ),
    ]
