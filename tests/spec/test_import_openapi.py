"""The OpenAPI importer on the two corpus documents, and reading YAML or JSON text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_support import (
    entity_of,
    field_of,
    shape,
    validation_errors,
    warned,
)

from infranest.spec.diagnostics import SpecError
from infranest.spec.importers import ImportResult
from infranest.spec.importers.openapi import (
    import_openapi_text,
    looks_like_openapi,
)
from infranest.spec.model import AccessRule, Action, EnumValue

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "openapi"
VAMPI = CORPUS / "vampi-openapi3.yml"
CRAPI = CORPUS / "crapi-openapi-spec.json"


def _corpus(path: Path) -> ImportResult:
    if not path.exists():
        pytest.skip(f"corpus file {path} is not present in this checkout")
    return import_openapi_text(path.read_text(encoding="utf-8"), path.name)


# --- VAmPI: no component schemas, every resource comes from the paths -----------------------


def test_vampi_project_and_auth() -> None:
    project = _corpus(VAMPI).spec.project
    assert (project.name, project.description, project.version) == (
        "v_am_pi",
        "OpenAPI v3 specs for VAmPI",
        "0.1",
    )
    assert project.auth.methods == ("jwt",)


def test_vampi_entities_come_from_the_paths() -> None:
    spec = _corpus(VAMPI).spec
    assert [e.name for e in spec.entities] == ["User", "Book"]
    assert not entity_of(spec, "User").builtin


def test_vampi_user_fields_merge_every_view_of_a_user() -> None:
    spec = _corpus(VAMPI).spec
    fields = {f.name: shape(f) for f in entity_of(spec, "User").fields}
    assert fields == {
        "email": {"type": "string", "optional": True},
        "username": {"type": "string", "optional": True, "unique": True},
        "admin": {"type": "bool", "optional": True},
    }


def test_vampi_book_fields() -> None:
    spec = _corpus(VAMPI).spec
    assert [f.name for f in entity_of(spec, "Book").fields] == [
        "book_title",
        "user",
        "secret",
        "owner",
    ]
    assert field_of(spec, "Book", "book_title").unique


def test_vampi_access_follows_operation_security() -> None:
    spec = _corpus(VAMPI).spec
    assert entity_of(spec, "User").access == (
        AccessRule(operations=("read", "list"), principals=("anyone",)),
        AccessRule(operations=("delete",), principals=("authenticated",)),
    )
    assert entity_of(spec, "Book").access == (
        AccessRule(operations=("list",), principals=("anyone",)),
        AccessRule(operations=("read", "create"), principals=("authenticated",)),
    )


def test_vampi_non_crud_operations_become_actions() -> None:
    user = entity_of(_corpus(VAMPI).spec, "User")
    assert user.actions == (
        Action(name="email", method="put", scope="item", allow=("authenticated",)),
        Action(name="password", method="put", scope="item", allow=("authenticated",)),
        Action(name="debug", method="get", scope="collection", allow=("anyone",)),
    )


def test_vampi_warnings_name_what_was_dropped() -> None:
    result = _corpus(VAMPI)
    assert all(w.level == "warning" and w.code == "openapi-unsupported" for w in result.warnings)
    assert all(w.file == "vampi-openapi3.yml" for w in result.warnings)
    untied = {w.path for w in warned(result, "tied to no entity")}
    assert untied == {"#/paths/~1/get", "#/paths/~1createdb/get"}
    assert warned(result, "User.password", "credentials")
    assert warned(result, "User: items are addressed by {username}")
    assert warned(result, "Book: items are addressed by {book_title}")
    assert warned(result, "action 'email' of User", "request body")
    assert not warned(result, "login"), "standard auth endpoints need no warning"
    assert len(result.warnings) == 7


def test_vampi_has_no_validation_errors() -> None:
    assert validation_errors(_corpus(VAMPI).spec) == []


# --- crAPI: component schemas, wrappers, inline resources ------------------------------------

CRAPI_ENTITIES = {
    "User",
    "Order",
    "Product",
    "Post",
    "PostComment",
    "Author",
    "ProfileVideo",
    "Vehicle",
    "VehicleModel",
    "Vehiclecompany",
    "VehicleLocation",
    "Coupon",
    "Mechanic",
    "ServiceRequest",
}
CRAPI_WRAPPERS = {
    "NewProduct",
    "ProductQuantity",
    "VideoForm",
    "CRAPIResponse",
    "OtpForm",
    "JwtResponse",
    "LoginWithEmailToken",
    "ApplyCouponRequest",
    "ApplyCouponResponse",
    "AddCouponRequest",
    "AddCouponResponse",
    "ValidateCouponRequest",
    "ValidateCouponResponse",
    "ServiceRequests",
}


def test_crapi_project() -> None:
    project = _corpus(CRAPI).spec.project
    assert (project.name, project.description, project.version) == (
        "owasp_cr_api_api",
        None,
        "1-oas3",
    )
    assert project.auth.methods == ("jwt",)


def test_crapi_entities() -> None:
    spec = _corpus(CRAPI).spec
    assert {e.name for e in spec.entities} == CRAPI_ENTITIES
    assert not any(e.builtin for e in spec.entities)


def test_crapi_wrapper_schemas_are_warned_not_imported() -> None:
    result = _corpus(CRAPI)
    wrappers = {w.path.rsplit("/", 1)[-1] for w in warned(result, "is not an entity") if w.path}
    assert wrappers == CRAPI_WRAPPERS
    assert warned(result, "schema ServiceRequests", "only wraps the list 'service_requests'")
    assert warned(result, "schema NewProduct", "only used as a request body")


def test_crapi_order() -> None:
    spec = _corpus(CRAPI).spec
    fields = {f.name: shape(f) for f in entity_of(spec, "Order").fields}
    assert fields == {
        "user": {"type": "relation", "target": "User", "cardinality": "many_to_one"},
        "product": {"type": "relation", "target": "Product", "cardinality": "many_to_one"},
        "quantity": {"type": "int", "optional": True},
        "status": {"type": "enum", "enum": "OrderStatusEnum", "optional": True},
        "created_on": {"type": "datetime"},
    }
    order = entity_of(spec, "Order")
    assert order.pagination is not None
    assert order.pagination.style == "offset"
    assert [a.name for a in order.actions] == ["return_order"]
    assert order.access == (
        AccessRule(operations=("read", "list", "create", "update"), principals=("authenticated",)),
    )


def test_crapi_product_price_is_a_decimal_from_its_pattern() -> None:
    spec = _corpus(CRAPI).spec
    assert shape(field_of(spec, "Product", "price")) == {
        "type": "decimal",
        "precision": 20,
        "scale": 2,
    }
    assert field_of(spec, "Product", "image_url").type == "url"


def test_crapi_enums_keep_labels_of_non_identifier_values() -> None:
    spec = _corpus(CRAPI).spec
    order_status = spec.enum_def("OrderStatusEnum")
    assert order_status is not None
    assert order_status.values == (
        EnumValue(name="delivered"),
        EnumValue(name="return_pending", label="return pending"),
        EnumValue(name="returned"),
    )
    service_status = spec.enum_def("ServiceRequestStatus")
    assert service_status is not None
    assert [v.name for v in service_status.values] == ["Pending", "Finished"]


def test_crapi_relations() -> None:
    spec = _corpus(CRAPI).spec
    comments = field_of(spec, "Post", "comments")
    assert (comments.cardinality, comments.target, comments.via) == (
        "one_to_many",
        "PostComment",
        "post",
    )
    back = field_of(spec, "PostComment", "post")
    assert (back.cardinality, back.target) == ("many_to_one", "Post")
    owner = field_of(spec, "Vehicle", "owner")
    assert (owner.target, owner.owner) == ("User", True)
    assert field_of(spec, "Vehicle", "model").target == "VehicleModel"
    assert field_of(spec, "Vehicle", "vehicle_location").target == "VehicleLocation"
    assert field_of(spec, "VehicleModel", "vehiclecompany").target == "Vehiclecompany"
    assert field_of(spec, "ServiceRequest", "mechanic").target == "Mechanic"
    assert field_of(spec, "ServiceRequest", "vehicle").target == "Vehicle"
    assert field_of(spec, "ProfileVideo", "user").target == "User"
    assert field_of(spec, "Post", "author").target == "Author"


def test_crapi_service_request_from_an_inline_list() -> None:
    spec = _corpus(CRAPI).spec
    assert [f.name for f in entity_of(spec, "ServiceRequest").fields] == [
        "mechanic",
        "vehicle",
        "problem_details",
        "status",
        "created_on",
    ]
    assert shape(field_of(spec, "ServiceRequest", "status")) == {
        "type": "enum",
        "enum": "ServiceRequestStatus",
        "optional": True,
    }


def test_crapi_coupon_from_its_create_path() -> None:
    spec = _corpus(CRAPI).spec
    coupon = entity_of(spec, "Coupon")
    assert {f.name: shape(f) for f in coupon.fields} == {
        "coupon_code": {"type": "string"},
        "amount": {"type": "int"},
        "created_at": {"type": "string", "optional": True},
    }
    assert [a.name for a in coupon.actions] == ["validate_coupon", "apply_coupon"]


def test_crapi_user_merges_signup_and_dashboard_without_credentials() -> None:
    spec = _corpus(CRAPI).spec
    user = entity_of(spec, "User")
    assert [f.name for f in user.fields][:5] == [
        "email",
        "number",
        "name",
        "role",
        "available_credit",
    ]
    assert user.field("password") is None
    assert field_of(spec, "User", "number").optional
    assert not field_of(spec, "User", "email").optional


def test_crapi_public_operations_grant_anyone() -> None:
    spec = _corpus(CRAPI).spec
    mechanic = entity_of(spec, "Mechanic")
    assert AccessRule(operations=("create",), principals=("anyone",)) in mechanic.access
    receive = next(a for a in mechanic.actions if a.name == "receive_report")
    assert receive.allow == ("anyone",)


def test_crapi_pagination_from_limit_and_offset() -> None:
    spec = _corpus(CRAPI).spec
    for name in ("Order", "Post", "ServiceRequest", "User"):
        assert entity_of(spec, name).pagination is not None, name
    assert entity_of(spec, "Mechanic").pagination is None


def test_crapi_warnings_name_the_constructs_dropped() -> None:
    result = _corpus(CRAPI)
    assert warned(result, "ProfileVideo: required names 'converstion_params'")
    assert warned(result, "Order.quantity is declared as number", "integer kept")
    assert warned(result, "User.video_name", "no type", "json")
    untied = {w.path for w in warned(result, "tied to no entity")}
    assert untied == {
        "#/paths/~1identity~1api~1auth~1forget-password/post",
        "#/paths/~1identity~1api~1auth~1v3~1check-otp/post",
        "#/paths/~1identity~1api~1auth~1v2~1check-otp/post",
        "#/paths/~1workshop~1api~1shop~1return_qr_code/get",
    }
    assert warned(result, "ProfileVideo already has its delete operation")
    assert warned(result, "User already has an action 'login_with_token'")
    assert warned(result, "GET /workshop/api/shop/products", "credit")
    assert warned(result, "action 'receive_report'", "mechanic_code, problem_details, vin")
    assert warned(result, "Vehicle.id is declared number")


def test_crapi_has_no_validation_errors() -> None:
    assert validation_errors(_corpus(CRAPI).spec) == []


def test_import_is_deterministic() -> None:
    first, second = _corpus(CRAPI), _corpus(CRAPI)
    assert first.spec == second.spec
    assert first.warnings == second.warnings


# --- reading text ----------------------------------------------------------------------------


def test_reads_yaml_and_json_alike() -> None:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "Pet Store", "version": "1.0"},
        "paths": {},
        "components": {
            "schemas": {"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}}
        },
    }
    from_json = import_openapi_text(json.dumps(doc), "a.json")
    yaml_text = "openapi: 3.0.3\ninfo: {title: Pet Store, version: '1.0'}\npaths: {}\n" + (
        "components:\n  schemas:\n    Thing:\n      type: object\n"
        "      properties:\n        name: {type: string}\n"
    )
    assert import_openapi_text(yaml_text, "a.yaml").spec == from_json.spec


def test_malformed_yaml_names_line_and_column() -> None:
    text = "openapi: 3.0.3\ninfo:\n  title: x\n  version: [1\npaths: {}\n"
    with pytest.raises(SpecError) as caught:
        import_openapi_text(text, "bad.yaml")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "openapi-syntax"
    assert diagnostic.loc is not None
    assert (diagnostic.loc.line, diagnostic.loc.column) == (5, 6)
    assert "bad.yaml:5:6" in str(caught.value)


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(SpecError) as caught:
        import_openapi_text('{\n  "openapi": "3.0.0",\n  "info": }\n', "bad.json")
    assert "bad.json:3:11" in str(caught.value)
    assert "malformed JSON" in str(caught.value)


def test_swagger_2_is_rejected_by_name() -> None:
    with pytest.raises(SpecError) as caught:
        import_openapi_text(
            "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "old.yaml"
        )
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "openapi-version"
    assert "Swagger 2.0" in diagnostic.message
    assert diagnostic.hint is not None
    assert "OpenAPI 3" in diagnostic.hint


@pytest.mark.parametrize("text", ["openapi: 2.5\n", "just: a mapping\n", "- a list\n"])
def test_other_documents_are_rejected(text: str) -> None:
    with pytest.raises(SpecError):
        import_openapi_text(text, "x.yaml")


def test_looks_like_openapi() -> None:
    assert looks_like_openapi({"openapi": "3.1.0"})
    assert looks_like_openapi({"openapi": 3.0})
    assert not looks_like_openapi({"swagger": "2.0"})
    assert not looks_like_openapi(["openapi"])
