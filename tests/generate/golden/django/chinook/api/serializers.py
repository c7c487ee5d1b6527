"""Request and response bodies, exactly as the contract (``openapi.json``) defines them."""

from __future__ import annotations

from rest_framework import serializers

from api import fields


class AlbumSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    artist_id = serializers.IntegerField()


class AlbumCreateSerializer(fields.ClosedSerializer):
    title = fields.StringField(max_length=160, required=True)
    artist_id = fields.IntegerField(bits=64, min_value=1, required=True)


class AlbumUpdateSerializer(fields.ClosedSerializer):
    title = fields.StringField(max_length=160, required=False)
    artist_id = fields.IntegerField(bits=64, min_value=1, required=False)


class ArtistSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ArtistCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class ArtistUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class CustomerSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    company = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField()
    state = serializers.CharField()
    country = serializers.CharField()
    postal_code = serializers.CharField()
    phone = serializers.CharField()
    fax = serializers.CharField()
    email = serializers.CharField()
    support_rep_id = serializers.IntegerField()


class CustomerCreateSerializer(fields.ClosedSerializer):
    first_name = fields.StringField(max_length=40, required=True)
    last_name = fields.StringField(max_length=20, required=True)
    company = fields.StringField(max_length=80, required=False, allow_null=True)
    address = fields.StringField(max_length=70, required=False, allow_null=True)
    city = fields.StringField(max_length=40, required=False, allow_null=True)
    state = fields.StringField(max_length=40, required=False, allow_null=True)
    country = fields.StringField(max_length=40, required=False, allow_null=True)
    postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    phone = fields.StringField(max_length=24, required=False, allow_null=True)
    fax = fields.StringField(max_length=24, required=False, allow_null=True)
    email = fields.StringField(max_length=60, required=True)
    support_rep_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)


class CustomerUpdateSerializer(fields.ClosedSerializer):
    first_name = fields.StringField(max_length=40, required=False)
    last_name = fields.StringField(max_length=20, required=False)
    company = fields.StringField(max_length=80, required=False, allow_null=True)
    address = fields.StringField(max_length=70, required=False, allow_null=True)
    city = fields.StringField(max_length=40, required=False, allow_null=True)
    state = fields.StringField(max_length=40, required=False, allow_null=True)
    country = fields.StringField(max_length=40, required=False, allow_null=True)
    postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    phone = fields.StringField(max_length=24, required=False, allow_null=True)
    fax = fields.StringField(max_length=24, required=False, allow_null=True)
    email = fields.StringField(max_length=60, required=False)
    support_rep_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)


class EmployeeSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    title = serializers.CharField()
    reports_to_id = serializers.IntegerField()
    birth_date = serializers.DateTimeField()
    hire_date = serializers.DateTimeField()
    address = serializers.CharField()
    city = serializers.CharField()
    state = serializers.CharField()
    country = serializers.CharField()
    postal_code = serializers.CharField()
    phone = serializers.CharField()
    fax = serializers.CharField()
    email = serializers.CharField()


class EmployeeCreateSerializer(fields.ClosedSerializer):
    last_name = fields.StringField(max_length=20, required=True)
    first_name = fields.StringField(max_length=20, required=True)
    title = fields.StringField(max_length=30, required=False, allow_null=True)
    reports_to_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    birth_date = fields.DateTimeField(required=False, allow_null=True)
    hire_date = fields.DateTimeField(required=False, allow_null=True)
    address = fields.StringField(max_length=70, required=False, allow_null=True)
    city = fields.StringField(max_length=40, required=False, allow_null=True)
    state = fields.StringField(max_length=40, required=False, allow_null=True)
    country = fields.StringField(max_length=40, required=False, allow_null=True)
    postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    phone = fields.StringField(max_length=24, required=False, allow_null=True)
    fax = fields.StringField(max_length=24, required=False, allow_null=True)
    email = fields.StringField(max_length=60, required=False, allow_null=True)


class EmployeeUpdateSerializer(fields.ClosedSerializer):
    last_name = fields.StringField(max_length=20, required=False)
    first_name = fields.StringField(max_length=20, required=False)
    title = fields.StringField(max_length=30, required=False, allow_null=True)
    reports_to_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    birth_date = fields.DateTimeField(required=False, allow_null=True)
    hire_date = fields.DateTimeField(required=False, allow_null=True)
    address = fields.StringField(max_length=70, required=False, allow_null=True)
    city = fields.StringField(max_length=40, required=False, allow_null=True)
    state = fields.StringField(max_length=40, required=False, allow_null=True)
    country = fields.StringField(max_length=40, required=False, allow_null=True)
    postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    phone = fields.StringField(max_length=24, required=False, allow_null=True)
    fax = fields.StringField(max_length=24, required=False, allow_null=True)
    email = fields.StringField(max_length=60, required=False, allow_null=True)


class GenreSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class GenreCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class GenreUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class InvoiceSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    invoice_date = serializers.DateTimeField()
    billing_address = serializers.CharField()
    billing_city = serializers.CharField()
    billing_state = serializers.CharField()
    billing_country = serializers.CharField()
    billing_postal_code = serializers.CharField()
    total = fields.DecimalField(pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)


class InvoiceCreateSerializer(fields.ClosedSerializer):
    customer_id = fields.IntegerField(bits=64, min_value=1, required=True)
    invoice_date = fields.DateTimeField(required=True)
    billing_address = fields.StringField(max_length=70, required=False, allow_null=True)
    billing_city = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_state = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_country = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    total = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=True
    )


class InvoiceUpdateSerializer(fields.ClosedSerializer):
    customer_id = fields.IntegerField(bits=64, min_value=1, required=False)
    invoice_date = fields.DateTimeField(required=False)
    billing_address = fields.StringField(max_length=70, required=False, allow_null=True)
    billing_city = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_state = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_country = fields.StringField(max_length=40, required=False, allow_null=True)
    billing_postal_code = fields.StringField(max_length=10, required=False, allow_null=True)
    total = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=False
    )


class InvoiceLineSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    invoice_id = serializers.IntegerField()
    track_id = serializers.IntegerField()
    unit_price = fields.DecimalField(pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)
    quantity = serializers.IntegerField()


class InvoiceLineCreateSerializer(fields.ClosedSerializer):
    invoice_id = fields.IntegerField(bits=64, min_value=1, required=True)
    track_id = fields.IntegerField(bits=64, min_value=1, required=True)
    unit_price = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=True
    )
    quantity = fields.IntegerField(bits=32, required=True)


class InvoiceLineUpdateSerializer(fields.ClosedSerializer):
    invoice_id = fields.IntegerField(bits=64, min_value=1, required=False)
    track_id = fields.IntegerField(bits=64, min_value=1, required=False)
    unit_price = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=False
    )
    quantity = fields.IntegerField(bits=32, required=False)


class MediaTypeSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MediaTypeCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class MediaTypeUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class PlaylistSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PlaylistCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class PlaylistUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, required=False, allow_null=True)


class PlaylistTrackSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    playlist_id = serializers.IntegerField()
    track_id = serializers.IntegerField()


class PlaylistTrackCreateSerializer(fields.ClosedSerializer):
    playlist_id = fields.IntegerField(bits=64, min_value=1, required=True)
    track_id = fields.IntegerField(bits=64, min_value=1, required=True)


class PlaylistTrackUpdateSerializer(fields.ClosedSerializer):
    playlist_id = fields.IntegerField(bits=64, min_value=1, required=False)
    track_id = fields.IntegerField(bits=64, min_value=1, required=False)


class TrackSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    album_id = serializers.IntegerField()
    media_type_id = serializers.IntegerField()
    genre_id = serializers.IntegerField()
    composer = serializers.CharField()
    milliseconds = serializers.IntegerField()
    bytes = serializers.IntegerField()
    unit_price = fields.DecimalField(pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)


class TrackCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=200, required=True)
    album_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    media_type_id = fields.IntegerField(bits=64, min_value=1, required=True)
    genre_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    composer = fields.StringField(max_length=220, required=False, allow_null=True)
    milliseconds = fields.IntegerField(bits=32, required=True)
    bytes = fields.IntegerField(bits=32, required=False, allow_null=True)
    unit_price = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=True
    )


class TrackUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=200, required=False)
    album_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    media_type_id = fields.IntegerField(bits=64, min_value=1, required=False)
    genre_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)
    composer = fields.StringField(max_length=220, required=False, allow_null=True)
    milliseconds = fields.IntegerField(bits=32, required=False)
    bytes = fields.IntegerField(bits=32, required=False, allow_null=True)
    unit_price = fields.DecimalField(
        pattern="^-?\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2, required=False
    )
