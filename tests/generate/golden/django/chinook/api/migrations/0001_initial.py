"""The initial schema, written by InfraNest from the spec (checked by tests/test_migrations.py)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="Album",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=160)),
            ],
        ),
        migrations.CreateModel(
            name="Artist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Customer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_name", models.CharField(max_length=40)),
                ("last_name", models.CharField(max_length=20)),
                ("company", models.CharField(max_length=80, null=True)),
                ("address", models.CharField(max_length=70, null=True)),
                ("city", models.CharField(max_length=40, null=True)),
                ("state", models.CharField(max_length=40, null=True)),
                ("country", models.CharField(max_length=40, null=True)),
                ("postal_code", models.CharField(max_length=10, null=True)),
                ("phone", models.CharField(max_length=24, null=True)),
                ("fax", models.CharField(max_length=24, null=True)),
                ("email", models.CharField(max_length=60)),
            ],
        ),
        migrations.CreateModel(
            name="Employee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_name", models.CharField(max_length=20)),
                ("first_name", models.CharField(max_length=20)),
                ("title", models.CharField(max_length=30, null=True)),
                ("birth_date", models.DateTimeField(null=True)),
                ("hire_date", models.DateTimeField(null=True)),
                ("address", models.CharField(max_length=70, null=True)),
                ("city", models.CharField(max_length=40, null=True)),
                ("state", models.CharField(max_length=40, null=True)),
                ("country", models.CharField(max_length=40, null=True)),
                ("postal_code", models.CharField(max_length=10, null=True)),
                ("phone", models.CharField(max_length=24, null=True)),
                ("fax", models.CharField(max_length=24, null=True)),
                ("email", models.CharField(max_length=60, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Genre",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Invoice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("invoice_date", models.DateTimeField()),
                ("billing_address", models.CharField(max_length=70, null=True)),
                ("billing_city", models.CharField(max_length=40, null=True)),
                ("billing_state", models.CharField(max_length=40, null=True)),
                ("billing_country", models.CharField(max_length=40, null=True)),
                ("billing_postal_code", models.CharField(max_length=10, null=True)),
                ("total", models.DecimalField(decimal_places=2, max_digits=10)),
            ],
        ),
        migrations.CreateModel(
            name="InvoiceLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("unit_price", models.DecimalField(decimal_places=2, max_digits=10)),
                ("quantity", models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="MediaType",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Playlist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="PlaylistTrack",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Track",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("composer", models.CharField(max_length=220, null=True)),
                ("milliseconds", models.IntegerField()),
                ("bytes", models.IntegerField(null=True)),
                ("unit_price", models.DecimalField(decimal_places=2, max_digits=10)),
            ],
        ),
        migrations.AddField(
            model_name="album",
            name="artist",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.artist",
            ),
        ),
        migrations.AddField(
            model_name="customer",
            name="support_rep",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                null=True,
                related_name="+",
                db_index=True,
                to="api.employee",
            ),
        ),
        migrations.AddField(
            model_name="employee",
            name="reports_to",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                null=True,
                related_name="+",
                db_index=True,
                to="api.employee",
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="customer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.customer",
            ),
        ),
        migrations.AddField(
            model_name="invoiceline",
            name="invoice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.invoice",
            ),
        ),
        migrations.AddField(
            model_name="invoiceline",
            name="track",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.track",
            ),
        ),
        migrations.AddField(
            model_name="playlisttrack",
            name="playlist",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.playlist",
            ),
        ),
        migrations.AddField(
            model_name="playlisttrack",
            name="track",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.track",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="album",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                null=True,
                related_name="+",
                db_index=True,
                to="api.album",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="media_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                db_index=True,
                to="api.mediatype",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="genre",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                null=True,
                related_name="+",
                db_index=True,
                to="api.genre",
            ),
        ),
        migrations.AddConstraint(
            model_name="playlisttrack",
            constraint=models.UniqueConstraint(
                fields=["playlist", "track"], name="uq_playlist_playlist_tra_53b10"
            ),
        ),
    ]
