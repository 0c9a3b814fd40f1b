from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rencana_aksi', '0004_langkah_aksi_status'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='areas',
            field=models.ManyToManyField(blank=True, related_name='penugasan', to='rencana_aksi.area', verbose_name='area tugas'),
        ),
    ]
