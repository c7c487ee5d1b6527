"""The JDL importer's mapping rules, each on a small JDL text."""

from __future__ import annotations

import pytest

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.importers import ImportResult
from infranest.spec.importers.jdl import import_jdl
from infranest.spec.model import FieldDef, Spec

JDL_TYPES = {
    "String": "string",
    "Integer": "int",
    "Long": "bigint",
    "BigDecimal": "decimal",
    "Float": "float",
    "Double": "float",
    "Boolean": "bool",
    "LocalDate": "date",
    "ZonedDateTime": "datetime",
    "Instant": "datetime",
    "Duration": "bigint",
    "LocalTime": "time",
    "UUID": "uuid",
    "TextBlob": "text",
    "Blob": "file",
    "AnyBlob": "file",
    "ImageBlob": "file",
}


def _field(spec: Spec, entity: str, name: str) -> FieldDef:
    found = spec.entity(entity)
    assert found is not None, f"entity {entity} missing"
    field = found.field(name)
    assert field is not None, f"{entity}.{name} missing; has {[f.name for f in found.fields]}"
    return field


def _import(text: str, filename: str = "test.jdl") -> ImportResult:
    return import_jdl(text, filename)


def _errors(text: str) -> list[Diagnostic]:
    with pytest.raises(SpecError) as caught:
        import_jdl(text, "bad.jdl")
    return list(caught.value.errors)


def _messages(result: ImportResult, code: str = "jdl-unsupported") -> list[str]:
    return [w.message for w in result.warnings if w.code == code]


def test_result_is_a_final_spec() -> None:
    result = _import("entity A { name String }")
    assert isinstance(result, ImportResult)
    assert finalize(result.spec) == result.spec
    assert result.warnings == ()


def test_project_defaults_without_application() -> None:
    spec = _import("entity A { name String }", "models/shop-catalog.jdl").spec
    assert spec.project.name == "shop_catalog"
    assert spec.project.auth.methods == ("jwt",)
    assert spec.project.database == "postgresql"
    assert spec.entities[0].builtin
    assert spec.entities[0].name == "User"
    assert import_jdl("entity A").spec.project.name == "jhipster"


@pytest.mark.parametrize(
    ("auth", "methods", "providers"),
    [("jwt", ("jwt",), ()), ("session", ("session",), ()), ("oauth2", ("oauth2",), ("oidc",))],
)
def test_authentication_types(
    auth: str, methods: tuple[str, ...], providers: tuple[str, ...]
) -> None:
    text = f"application {{ config {{ baseName MyShop, authenticationType {auth} }} }}"
    result = _import(text)
    assert result.spec.project.name == "my_shop"
    assert (result.spec.project.auth.methods, result.spec.project.auth.providers) == (
        methods,
        providers,
    )
    assert result.warnings == ()


def test_uaa_and_unknown_authentication_warn() -> None:
    uaa = _import("application { config { authenticationType uaa } }")
    assert uaa.spec.project.auth.providers == ("uaa",)
    assert "uaa" in _messages(uaa)[0]
    other = _import("application { config { authenticationType ldap } }")
    assert other.spec.project.auth.methods == ("jwt",)
    assert "'ldap'" in _messages(other)[0]


@pytest.mark.parametrize(
    ("prod", "database", "warned"),
    [("postgresql", "postgresql", False), ("mysql", "mysql", False), ("mariadb", "mysql", True),
     ("oracle", "postgresql", True), ("mssql", "postgresql", True)],
)  # fmt: skip
def test_prod_database_types(prod: str, database: str, warned: bool) -> None:
    result = _import(f"application {{ config {{ prodDatabaseType {prod} }} }}")
    assert result.spec.project.database == database
    assert any(prod in m for m in _messages(result)) is warned


def test_application_details_that_warn() -> None:
    text = """
    /** The shop backend. */
    application { config { baseName shop, applicationType gateway, databaseType mongodb,
                           packageName com.shop, languages [en, fr], serverPort 8080 }
                  entities A }
    application { config { baseName billing, applicationType microservice } entities B }
    deployment { deploymentType docker-compose, appsFolders [shop, billing] }
    entity A
    entity B
    entity C
    """
    result = _import(text)
    assert result.spec.project.description == "The shop backend."
    messages = _messages(result)
    assert any("applicationType 'gateway'" in m for m in messages)
    assert any("databaseType 'mongodb'" in m for m in messages)
    assert any(m.endswith("packageName, languages, serverPort") for m in messages)
    assert any("application 'billing'" in m for m in messages)
    assert any(m.startswith("deployment block") for m in messages)
    assert any("entity C is in no application" in m for m in messages)
    assert [e.name for e in result.spec.entities] == ["User", "A", "B", "C"]


def test_scalar_types() -> None:
    types = " ".join(f"f{i} {t}" for i, t in enumerate(JDL_TYPES))
    entity = _import(f"entity A {{ {types} }}").spec.entity("A")
    assert entity is not None
    assert [f.type for f in entity.fields] == list(JDL_TYPES.values())
    decimal = entity.field("f3")
    assert decimal is not None
    assert (decimal.precision, decimal.scale) == (21, 2)


def test_duration_warns() -> None:
    result = _import("entity A { spent Duration required }")
    assert _field(result.spec, "A", "spent").type == "bigint"
    assert "Duration" in _messages(result)[0]


def test_string_constraints() -> None:
    text = """entity A {
      code String maxlength(12) minlength(2) pattern(/^[A-Z]+\\d$/)
      essay String maxlength(20000000)
      quoted String pattern('^a$')
      body TextBlob
    }"""
    spec = _import(text).spec
    code = _field(spec, "A", "code")
    assert (code.type, code.length, code.min_length, code.pattern) == (
        "string",
        12,
        2,
        r"^[A-Z]+\d$",
    )
    essay = _field(spec, "A", "essay")
    assert (essay.type, essay.length, essay.max_length) == ("text", None, 20_000_000)
    assert _field(spec, "A", "quoted").pattern == "^a$"
    assert _field(spec, "A", "body").type == "text"


def test_validations_that_do_not_apply_warn() -> None:
    text = (
        "entity A { name String min(2), age Integer maxlength(3), photo ImageBlob maxbytes(1024) }"
    )
    result = _import(text)
    assert _field(result.spec, "A", "name").min is None
    assert _field(result.spec, "A", "age").max_length is None
    messages = _messages(result)
    assert len(messages) == 3
    assert "min() does not apply to String" in messages[0]
    assert "maxbytes()" in messages[2]


def test_constants_in_validations() -> None:
    text = """
    MIN = 2
    MAX_PRICE = 99.5
    entity A { name String minlength(MIN) maxlength(40), price BigDecimal max(MAX_PRICE) min(-1) }
    """
    spec = _import(text).spec
    assert _field(spec, "A", "name").min_length == 2
    assert (_field(spec, "A", "price").max, _field(spec, "A", "price").min) == (99.5, -1)
    errors = _errors("MIN = 2\nentity A { name String minlength(MNI) }")
    assert [e.code for e in errors] == ["unknown-constant"]
    assert errors[0].hint is not None
    assert "MIN" in errors[0].hint


def test_unknown_type_is_an_error_with_a_hint() -> None:
    errors = _errors("entity A {\n  name Strng\n  when LocalDateTime\n}")
    assert [(e.code, e.loc.line if e.loc else 0) for e in errors] == [
        ("unknown-type", 2),
        ("unknown-type", 3),
    ]
    assert "did you mean 'String'" in (errors[0].hint or "")


def test_javadoc_documents_entities_fields_and_enums() -> None:
    text = """
    /**
     * A product.
     * Sold online.
     */
    @dto(mapstruct)
    entity Product {
      /** Shown in lists. */
      name String, // an ignored comment
      price BigDecimal /** Gross. */
      stock Integer, /** Not for stock: for weight. */
      weight Float
    }
    /** Sizes. */
    enum Size { S /** small */, M, /** large */ L }
    """
    result = _import(text)
    product = result.spec.entity("Product")
    assert product is not None
    assert product.description == "A product.\nSold online."
    assert [(c.anchor, c.text) for c in product.comments] == [
        ("field:name", " Shown in lists."),
        ("field:price", " Gross."),
        ("field:weight", " Not for stock: for weight."),
    ]
    size = result.spec.enum_def("Size")
    assert size is not None
    assert size.description == "Sizes."
    assert [(c.anchor, c.text) for c in size.comments] == [
        ("value:S", " small"),
        ("value:L", " large"),
    ]


def test_multi_line_field_javadoc_becomes_one_comment_per_line() -> None:
    text = "entity A {\n  /**\n   * First line.\n   *\n   * Third line.\n   */\n  name String\n}"
    entity = _import(text).spec.entity("A")
    assert entity is not None
    assert [c.text for c in entity.comments] == [" First line.", "", " Third line."]
    assert {c.anchor for c in entity.comments} == {"field:name"}
    formatter = pytest.importorskip("infranest.spec.formatter")
    parser = pytest.importorskip("infranest.spec.parser")
    spec = _import(text).spec
    assert parser.parse(formatter.format_spec(spec)) == spec


def test_comments_and_directives_are_ignored() -> None:
    text = """
    #direction: left
    // entity Ghost { name String }
    /* entity Phantom { name String } */
    /**/
    entity A { name String /* inline */ required }
    """
    spec = _import(text).spec
    assert [e.name for e in spec.entities] == ["User", "A"]
    assert _field(spec, "A", "name").optional is False


def test_entity_level_warnings_and_renames() -> None:
    text = """entity Order(purchase_order) { id Long, type String, class Integer }
    entity Object
    entity my_thing"""
    result = _import(text)
    spec = result.spec
    assert [f.name for f in spec.entity("Order").fields] == ["order_type", "order_class"]  # type: ignore[union-attr]
    assert [e.name for e in spec.entities] == ["User", "Order", "ObjectRecord", "MyThing"]
    unsupported = _messages(result)
    assert any("table name 'purchase_order'" in m for m in unsupported)
    assert any("field 'id' of Order" in m for m in unsupported)
    assert any("'my_thing' is not PascalCase" in m for m in unsupported)
    assert len(_messages(result, "jdl-renamed")) == 3
    assert _import("entity myThing").warnings == ()


def test_duplicates_are_errors() -> None:
    errors = _errors("entity A { name String }\nentity A\nenum E { X, X }\nenum E { Y }")
    assert sorted(e.code for e in errors) == [
        "duplicate-entity",
        "duplicate-enum",
        "duplicate-enum-value",
    ]
    clash = _errors("entity A { b String }\nentity B\nrelationship ManyToOne { A{b} to B }")
    assert [e.code for e in clash] == ["duplicate-field"]


def test_enum_values_and_labels() -> None:
    text = """enum Status { OPEN("Open now"), CLOSED (closed) ARCHIVED }
    entity T { status Status required }"""
    spec = _import(text).spec
    status = spec.enum_def("Status")
    assert status is not None
    assert [(v.name, v.label) for v in status.values] == [
        ("OPEN", "Open now"),
        ("CLOSED", "closed"),
        ("ARCHIVED", None),
    ]
    field = _field(spec, "T", "status")
    assert (field.type, field.enum, field.optional) == ("enum", "Status", False)
    assert [e.code for e in _errors("enum Empty {}")] == ["empty-enum"]


@pytest.mark.parametrize(
    ("kind", "forward", "reverse"),
    [
        ("ManyToOne", ("many_to_one", None), ("one_to_many", "owner")),
        ("OneToMany", ("one_to_many", "owner"), ("many_to_one", None)),
        ("OneToOne", ("one_to_one", None), ("one_to_one", "owner")),
        ("ManyToMany", ("many_to_many", None), ("many_to_many", "owner")),
    ],
)
def test_relationship_kinds_on_both_sides(
    kind: str, forward: tuple[str, str | None], reverse: tuple[str, str | None]
) -> None:
    text = f"entity A\nentity B\nrelationship {kind} {{ A{{owner(name) required}} to B{{item}} }}"
    result = _import(text)
    a_side, b_side = _field(result.spec, "A", "owner"), _field(result.spec, "B", "item")
    assert (a_side.target, a_side.cardinality, a_side.via, a_side.optional) == (
        "B",
        forward[0],
        "item" if forward[1] else None,
        False,
    )
    assert (b_side.target, b_side.cardinality, b_side.via, b_side.optional) == (
        "A",
        reverse[0],
        reverse[1],
        True,
    )
    assert result.warnings == ()  # the display field (name) is UI only


def test_unnamed_relationship_sides_follow_jhipster() -> None:
    text = """entity Order
    entity OrderLine
    entity Tag
    entity Note
    relationship OneToMany { Order to OrderLine }
    relationship ManyToMany { Order to Tag }
    relationship OneToOne { Order to Note }
    relationship ManyToOne { Note{author} to Order }
    """
    spec = _import(text).spec
    assert (
        _field(spec, "Order", "order_line").via,
        _field(spec, "OrderLine", "order").cardinality,
    ) == ("order", "many_to_one")
    assert (_field(spec, "Tag", "order").cardinality, _field(spec, "Tag", "order").via) == (
        "many_to_many",
        "tag",
    )
    assert _field(spec, "Order", "note").cardinality == "one_to_one"
    assert [f.name for f in spec.entity("Note").fields] == ["author"]  # type: ignore[union-attr]


def test_relationships_with_builtin_entities() -> None:
    text = """entity A
    relationship ManyToOne { A{owner(login) required} to User with builtInEntity }
    relationship ManyToMany { A{watcher} to User{watched} }
    relationship ManyToOne { User{favourite} to A }
    relationship ManyToMany { A{role} to Authority with builtInEntity }
    """
    result = _import(text)
    owner = _field(result.spec, "A", "owner")
    assert (owner.target, owner.cardinality, owner.optional) == ("User", "many_to_one", False)
    assert _field(result.spec, "A", "watcher").via is None
    user = result.spec.entity("User")
    assert user is not None
    assert user.builtin
    messages = _messages(result)
    assert len(messages) == 3
    assert "'watched' on the built-in User" in messages[0]
    assert "ManyToOne User to A is not imported" in messages[1]
    assert "built-in entity Authority" in messages[2]


def test_relationship_annotations_and_methods() -> None:
    text = """entity A
    entity B
    relationship ManyToOne { @OnDelete("CASCADE") @OnUpdate("CASCADE") A{b} to B }
    relationship OneToOne { A{twin} to B with jpaDerivedIdentifier }
    """
    result = _import(text)
    assert _field(result.spec, "A", "b").on_delete == "cascade"
    messages = _messages(result)
    assert any("@OnUpdate" in m for m in messages)
    assert any("jpaDerivedIdentifier" in m for m in messages)


def test_relationship_errors() -> None:
    errors = _errors(
        "entity A\nrelationship OneToFew { A to A }\nrelationship OneToOne { A to Bee }"
    )
    assert [e.code for e in errors] == ["unknown-relationship-type", "unknown-entity"]
    assert "OneToMany" in (errors[0].hint or "")
    assert errors[1].loc is not None
    assert (errors[1].loc.line, errors[1].loc.column) == (3, 30)


def test_pagination_options() -> None:
    text = """
    application { config { baseName shop } entities * paginate B with pagination }
    entity A
    entity B
    entity C
    entity D
    paginate * with infinite-scroll except D
    paginate C with no
    @paginate(pagination)
    entity E
    """
    spec = _import(text).spec
    styles = {e.name: e.pagination.style if e.pagination else None for e in spec.entities}
    assert styles == {
        "User": None,
        "A": "cursor",
        "B": "offset",
        "C": None,
        "D": None,
        "E": "cursor",
    }


def test_search_and_filter_options() -> None:
    text = """
    application { config { searchEngine elasticsearch } }
    entity A { title String, body TextBlob, rank Integer, kind K, file Blob }
    entity B { count Integer }
    entity C { name String }
    enum K { X }
    relationship ManyToOne { A{owner} to C }
    relationship OneToMany { C{children} to B }
    search C with no
    filter A, B
    """
    result = _import(text)
    spec = result.spec
    assert spec.entity("A").search == ("title", "body")  # type: ignore[union-attr]
    assert spec.entity("C").search == ()  # type: ignore[union-attr]
    assert spec.entity("A").filter == ("title", "rank", "kind", "owner")  # type: ignore[union-attr]
    assert spec.entity("B").filter == ("count", "c")  # type: ignore[union-attr]
    assert _messages(result) == [
        "full-text search on B is not represented: the spec searches string and text fields, "
        "and these entities have none"
    ]


def test_options_the_spec_cannot_express_warn() -> None:
    text = """
    entity A
    entity B
    @skipClient @ChangelogDate("20240101000000")
    entity C
    dto * with mapstruct except B
    service all with no
    readOnly B
    use serviceImpl, pagination for A
    microservice * with billing
    """
    result = _import(text)
    messages = _messages(result)
    assert len(messages) == 6
    assert any(m.startswith("option 'skipClient' on C") for m in messages)
    assert any("@ChangelogDate on C" in m for m in messages)
    assert any(m.startswith("option 'dto mapstruct' on A, C") for m in messages)
    assert any(m.startswith("option 'readOnly' on B") for m in messages)
    assert any(m.startswith("option 'service serviceImpl' on A") for m in messages)
    assert any(m.startswith("option 'microservice billing' on A, B, C") for m in messages)
    assert _field_pagination(result.spec, "A") == "offset"
    readonly = next(w for w in result.warnings if "readOnly" in w.message)
    assert readonly.hint is not None


def _field_pagination(spec: Spec, entity: str) -> str | None:
    found = spec.entity(entity)
    assert found is not None
    return found.pagination.style if found.pagination else None


def test_options_naming_unknown_entities_are_errors() -> None:
    errors = _errors("entity Book\npaginate Bok with pagination")
    assert [e.code for e in errors] == ["unknown-entity"]
    assert "did you mean 'Book'" in (errors[0].hint or "")


def test_syntax_error_names_place_and_expected_words() -> None:
    with pytest.raises(SpecError) as caught:
        import_jdl("entity A {\n  name String min(\n}\n", "shop.jdl")
    (only,) = caught.value.errors
    assert only.code == "jdl-syntax"
    assert str(only.loc) == "shop.jdl:3:1"
    assert (
        only.message == "unexpected '}'; expected one of a decimal number, a name or a whole number"
    )
    assert "^" in caught.value.render()


def test_syntax_errors_are_all_reported() -> None:
    text = (
        "entity A {\n  name String requird\n}\n"
        "relationshipp OneToMany { A to A }\n"
        "entity B { x $ Integer }\n"
    )
    with pytest.raises(SpecError) as caught:
        import_jdl(text, "bad.jdl")
    errors = caught.value.errors
    assert [e.loc.line for e in errors if e.loc] == [3, 4, 5]
    assert errors[0].message == "unexpected '}'; expected a name"
    assert errors[0].hint == "did you mean 'required' instead of 'requird'?"
    assert errors[1].hint == "did you mean 'relationship' instead of 'relationshipp'?"
    assert errors[2].message.startswith("unexpected character '$'")


def test_syntax_error_for_a_missing_brace_says_so() -> None:
    errors = _errors("entity A {\n  name String\n\nentity B {\n  x Integer\n}\n")
    assert len(errors) == 1
    assert "expected one of a validation (required, unique" in errors[0].message
    assert errors[0].hint == "is a '}' missing before 'entity'? 'entity' was read as a field name"


def test_syntax_error_at_the_end_of_the_file() -> None:
    (only,) = _errors("enum Size {\n  S, M")
    assert only.loc is not None
    assert (only.loc.line, only.loc.column) == (2, 7)
    assert only.message == "unexpected end of file; expected one of '(', ',', '}' or a name"
    assert only.hint == "is a closing '}' missing?"


def test_application_options_name_only_its_entities() -> None:
    text = """application { config { baseName a } entities A
      dto B with mapstruct }
    entity A
    entity B"""
    (only,) = _errors(text)
    assert only.message == "entity 'B' is not one of this application's entities"
