import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rencana_aksi', '0005_membership_areas'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Riwayat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('waktu', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('jenis', models.CharField(choices=[('unggah', 'Unggah bukti'), ('verifikasi', 'Verifikasi bukti'), ('perbaikan', 'Bukti dikembalikan'), ('langkah', 'Status langkah aksi'), ('kendala', 'Kendala dan tindak lanjut'), ('jadwal', 'Jadwal'), ('keputusan', 'Keputusan'), ('rencana', 'Isi rencana'), ('dokumen', 'Dokumen')], max_length=12)),
                ('objek', models.CharField(blank=True, max_length=255)),
                ('dari', models.TextField(blank=True)),
                ('ke', models.TextField(blank=True)),
                ('catatan', models.TextField(blank=True)),
                ('indikator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='riwayat', to='rencana_aksi.indikator')),
                ('pelaku', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rencana', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='riwayat', to='rencana_aksi.rencanaaksi')),
                ('satker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='rencana_aksi.satker')),
            ],
            options={
                'verbose_name': 'riwayat',
                'verbose_name_plural': 'riwayat',
                'ordering': ['-waktu', '-id'],
                'indexes': [models.Index(fields=['indikator', '-waktu'], name='riwayat_indikator_waktu')],
            },
        ),
    ]
