from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rencana_aksi', '0003_dokumen_mode_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='langkahaksi',
            name='status',
            field=models.CharField(choices=[('belum_mulai', 'Belum mulai'), ('berjalan', 'Berjalan'), ('selesai', 'Selesai')], default='belum_mulai', max_length=12),
        ),
        migrations.AddField(
            model_name='langkahaksi',
            name='status_catatan',
            field=models.TextField(blank=True, verbose_name='catatan status'),
        ),
        migrations.AddField(
            model_name='langkahaksi',
            name='status_tanggal',
            field=models.DateField(blank=True, null=True, verbose_name='tanggal status'),
        ),
    ]
