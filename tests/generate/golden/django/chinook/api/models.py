"""The models of chinook_postgres_schema: one table per entity of the spec."""

from __future__ import annotations

import django.db.models.deletion
import django.utils.timezone
from django.db import models


class Album(models.Model):
    title = models.CharField(max_length=160)
    artist = models.ForeignKey(
        "Artist", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )

    def __str__(self) -> str:
        return f"Album {self.pk}"


class Artist(models.Model):
    name = models.CharField(max_length=120, null=True)

    def __str__(self) -> str:
        return f"Artist {self.pk}"


class Customer(models.Model):
    first_name = models.CharField(max_length=40)
    last_name = models.CharField(max_length=20)
    company = models.CharField(max_length=80, null=True)
    address = models.CharField(max_length=70, null=True)
    city = models.CharField(max_length=40, null=True)
    state = models.CharField(max_length=40, null=True)
    country = models.CharField(max_length=40, null=True)
    postal_code = models.CharField(max_length=10, null=True)
    phone = models.CharField(max_length=24, null=True)
    fax = models.CharField(max_length=24, null=True)
    email = models.CharField(max_length=60)
    support_rep = models.ForeignKey(
        "Employee",
        on_delete=django.db.models.deletion.PROTECT,
        null=True,
        related_name="+",
        db_index=True,
    )

    def __str__(self) -> str:
        return f"Customer {self.pk}"


class Employee(models.Model):
    last_name = models.CharField(max_length=20)
    first_name = models.CharField(max_length=20)
    title = models.CharField(max_length=30, null=True)
    birth_date = models.DateTimeField(null=True)
    hire_date = models.DateTimeField(null=True)
    address = models.CharField(max_length=70, null=True)
    city = models.CharField(max_length=40, null=True)
    state = models.CharField(max_length=40, null=True)
    country = models.CharField(max_length=40, null=True)
    postal_code = models.CharField(max_length=10, null=True)
    phone = models.CharField(max_length=24, null=True)
    fax = models.CharField(max_length=24, null=True)
    email = models.CharField(max_length=60, null=True)
    reports_to = models.ForeignKey(
        "Employee",
        on_delete=django.db.models.deletion.PROTECT,
        null=True,
        related_name="+",
        db_index=True,
    )

    def __str__(self) -> str:
        return f"Employee {self.pk}"


class Genre(models.Model):
    name = models.CharField(max_length=120, null=True)

    def __str__(self) -> str:
        return f"Genre {self.pk}"


class Invoice(models.Model):
    invoice_date = models.DateTimeField()
    billing_address = models.CharField(max_length=70, null=True)
    billing_city = models.CharField(max_length=40, null=True)
    billing_state = models.CharField(max_length=40, null=True)
    billing_country = models.CharField(max_length=40, null=True)
    billing_postal_code = models.CharField(max_length=10, null=True)
    total = models.DecimalField(decimal_places=2, max_digits=10)
    customer = models.ForeignKey(
        "Customer", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )

    def __str__(self) -> str:
        return f"Invoice {self.pk}"


class InvoiceLine(models.Model):
    unit_price = models.DecimalField(decimal_places=2, max_digits=10)
    quantity = models.IntegerField()
    invoice = models.ForeignKey(
        "Invoice", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )
    track = models.ForeignKey(
        "Track", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )

    def __str__(self) -> str:
        return f"InvoiceLine {self.pk}"


class MediaType(models.Model):
    name = models.CharField(max_length=120, null=True)

    def __str__(self) -> str:
        return f"MediaType {self.pk}"


class Playlist(models.Model):
    name = models.CharField(max_length=120, null=True)

    def __str__(self) -> str:
        return f"Playlist {self.pk}"


class PlaylistTrack(models.Model):
    playlist = models.ForeignKey(
        "Playlist", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )
    track = models.ForeignKey(
        "Track", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["playlist", "track"], name="uq_playlist_playlist_tra_53b10"
            ),
        ]

    def __str__(self) -> str:
        return f"PlaylistTrack {self.pk}"


class Track(models.Model):
    name = models.CharField(max_length=200)
    composer = models.CharField(max_length=220, null=True)
    milliseconds = models.IntegerField()
    bytes = models.IntegerField(null=True)
    unit_price = models.DecimalField(decimal_places=2, max_digits=10)
    album = models.ForeignKey(
        "Album",
        on_delete=django.db.models.deletion.PROTECT,
        null=True,
        related_name="+",
        db_index=True,
    )
    media_type = models.ForeignKey(
        "MediaType", on_delete=django.db.models.deletion.PROTECT, related_name="+", db_index=True
    )
    genre = models.ForeignKey(
        "Genre",
        on_delete=django.db.models.deletion.PROTECT,
        null=True,
        related_name="+",
        db_index=True,
    )

    def __str__(self) -> str:
        return f"Track {self.pk}"
