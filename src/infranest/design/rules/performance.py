"""Performance rules: unbounded lists, indexes, N+1 risks, payload size, locking, caching.

Foreign-key columns are not reported as unindexed: every generator indexes them (Django
and Rails do so by default, the others explicitly), so only plain columns can lack one.
"""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.helpers import (
    edit_field,
    entity_path,
    field_path,
    operation,
    owned,
    served,
    update_entity,
)
from infranest.design.rules.registry import rule
from infranest.spec.model import Duration, Entity, FieldDef, Index, Pagination

LARGE = 10_000
VERY_LARGE = 100_000
MAX_PAGE = 500
READ_HEAVY = 0.8
GENERATED_INDEXED = ("id", "created_at", "updated_at")
# Columns with a handful of values: an index on them alone rarely helps (see PERF005).
LOW_CARDINALITY = ("bool", "enum")


def _indexed(entity: Entity, name: str) -> bool:
    """Whether a lookup on ``name`` alone can use an index."""
    if name in GENERATED_INDEXED[:1]:
        return True
    f = entity.field(name)
    if f is not None and (f.index or f.unique or f.is_relation):
        return True
    return any(i.fields and i.fields[0] == name for i in entity.indexes)


@rule(
    "PERF001",
    "Unbounded list",
    severity="high",
    category="performance",
    owasp=("API4",),
    cwe=(770,),
    why=f"""The list endpoint has `paginate none`, or lets a client ask for more than
    {MAX_PAGE} rows a page: one request reads and serialises the whole table.""",
    fix="""Paginate with a bounded page: `paginate cursor 20 max 100`.""",
    story="""The table grows to two million rows; one `GET /events` takes 40 seconds, uses
    3 GB of memory and is retried by the client until the service falls over.""",
    ignore="""Small fixed lists (countries, a dozen categories) — declare their `rows`.""",
    cost="""Clients must follow pages.""",
    fixable=True,
)
def unbounded_list(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if operation(ctx, entity, "list") is None:
            continue
        page = entity.pagination
        if page is None or (page.style != "none" and page.max_size <= MAX_PAGE):
            continue
        if page.style == "none" and entity.rows is not None and entity.rows <= 200:
            continue
        style = "offset" if page.style == "none" else page.style
        bounded = Pagination(style=style, size=min(page.size, 20), max_size=100)
        what = "is not paginated" if page.style == "none" else f"allows {page.max_size} a page"
        yield Hit(
            f"{entity.name} list {what}",
            f"entities[{entity.name}].pagination",
            page.loc or entity.loc,
            Fix(
                f"paginate {style} {bounded.size} max 100",
                update_entity(entity.name, pagination=bounded),
            ),
        )


@rule(
    "PERF002",
    "Filter or sort on an unindexed column",
    severity="medium",
    category="performance",
    cwe=(1067,),
    why=f"""A filter or sort key of an entity expected to hold {LARGE:,}+ rows (`rows`) is a
    plain column with no index: each such list request scans the table. Relations are
    not reported (the generators index foreign keys), nor are `bool` and enum columns,
    whose few values make an index on them alone rarely useful.""",
    fix="""Add `index` to the field, or a composite `index (...)` that starts with it.""",
    story="""`GET /tickets?status=open` is fast in development and takes seconds in
    production at 5 million rows, locking up the database under load.""",
    ignore="""Columns with few distinct values combined with a selective indexed filter;
    tables that stay small.""",
    cost="""Slower writes and some storage per index.""",
    fixable=True,
)
def unindexed_filter(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.rows is None or entity.rows < LARGE:
            continue
        for name in dict.fromkeys((*entity.filter, *entity.sort)):
            f = entity.field(name)
            if f is None or _indexed(entity, name) or f.type in LOW_CARDINALITY:
                continue
            fix = None
            if f.type not in ("text", "json", "file"):
                fix = Fix(f"{entity.name}.{name} index", edit_field(entity.name, name, index=True))
            yield Hit(
                f"{entity.name}.{name} is filtered or sorted on {entity.rows:,} rows without "
                "an index",
                field_path(entity, f),
                f.loc or entity.loc,
                fix,
            )


@rule(
    "PERF003",
    "Substring search on a large table",
    severity="low",
    category="performance",
    cwe=(1067,),
    why=f"""`search` is a case-insensitive substring match (`ILIKE '%q%'`), which a b-tree
    index cannot serve; on {VERY_LARGE:,}+ rows every search scans the table.""",
    fix="""Keep search fields few and short, or add a trigram or full-text index in the
    generated migration (PostgreSQL `pg_trgm`).""",
    story="""Searching products by description takes 3 seconds at 2 million rows and the
    search box fires on every keystroke.""",
    ignore="""Tables that stay small, or a search engine in front.""",
    cost="""A trigram index is large (2-3x the column).""",
)
def large_search(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.search and entity.rows is not None and entity.rows >= VERY_LARGE:
            yield Hit(
                f"{entity.name} searches {', '.join(entity.search)} by substring on "
                f"{entity.rows:,} rows",
                entity_path(entity),
                entity.loc,
            )


@rule(
    "PERF004",
    "Owner-scoped list without a composite index",
    severity="medium",
    category="performance",
    cwe=(1067,),
    why="""Rows are narrowed to the caller's (`WHERE owner_id = ?`) and the list is sorted
    or filtered by another column: on a large table the database needs an index starting
    with the owner column and then that column, or it sorts every owner's rows.""",
    fix="""Add `index (owner_field, sort_field)`.""",
    story="""A heavy user with 200,000 events opens their timeline; the database fetches
    them all by owner and sorts in memory on every page.""",
    ignore="""Owners with few rows each.""",
    cost="""One more index to maintain on writes.""",
    fixable=True,
)
def owner_composite(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        scope = entity.owner_field or entity.tenant_field
        if scope is None or entity.rows is None or entity.rows < VERY_LARGE:
            continue
        keys = [k for k in (*entity.sort, *entity.filter) if k != scope.name]
        if not keys or any(
            i.fields[:1] == (scope.name,) and len(i.fields) > 1 for i in entity.indexes
        ):
            continue
        index = Index(fields=(scope.name, keys[0]))
        yield Hit(
            f"{entity.name} lists are narrowed by {scope.name} and ordered or filtered by "
            f"{keys[0]} without an index on both",
            entity_path(entity),
            entity.loc,
            Fix(
                f"index ({scope.name}, {keys[0]})",
                update_entity(entity.name, indexes=(*entity.indexes, index)),
            ),
        )


@rule(
    "PERF005",
    "Combined filters without a composite index",
    severity="low",
    category="performance",
    cwe=(1067,),
    why=f"""Several filters on an entity of {VERY_LARGE:,}+ rows and no composite index: a
    request filtering on two columns can use at most one single-column index and checks
    the other row by row.""",
    fix="""Add a composite index for the most common combination: `index (status,
    placed_at)`.""",
    story="""`?status=paid&placed_at__gte=...` reads every paid order of all time to keep
    the last week's.""",
    ignore="""When one filter is selective on its own.""",
    cost="""Index maintenance; choose combinations from real queries.""",
)
def combined_filters(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        plain = [n for n in entity.filter if entity.field(n) is not None]
        if len(plain) < 2 or entity.rows is None or entity.rows < VERY_LARGE:
            continue
        if any(len(i.fields) > 1 for i in entity.indexes):
            continue
        yield Hit(
            f"{entity.name} filters on {', '.join(plain)} without any composite index",
            entity_path(entity),
            entity.loc,
        )


@rule(
    "PERF006",
    "N+1 risk: many-to-many ids in list views",
    severity="low",
    category="performance",
    cwe=(1073,),
    why="""Each row of a list carries the ids of a many-to-many relation (`tags_ids`); a
    naive implementation runs one join-table query per row, so a page of 100 rows costs
    101 queries.""",
    fix="""Make sure the generated list prefetches the relation (one query per relation
    per page), and keep page sizes bounded; drop the relation from the entity if lists do
    not need it.""",
    story="""Lists are fast in tests with three rows and take a second in production
    because each page issues hundreds of queries.""",
    ignore="""The generators prefetch these relations; the finding reminds hand-written
    list code to do the same.""",
    cost="""None with prefetching.""",
)
def n_plus_one(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        many = [f for f in entity.fields if f.cardinality == "many_to_many"]
        if many and operation(ctx, entity, "list") is not None:
            names = ", ".join(f.name for f in many)
            yield Hit(
                f"{entity.name} lists carry many-to-many ids ({names}) for every row",
                entity_path(entity),
                entity.loc,
            )


def _large_text(f: FieldDef) -> bool:
    if f.type == "json" or (f.type == "text" and (f.max_length is None or f.max_length > 5000)):
        return not f.writeonly
    return False


@rule(
    "PERF007",
    "Large text in list views",
    severity="low",
    category="performance",
    owasp=("API4",),
    cwe=(400,),
    why="""Lists return every field of each row, including long `text` and `json` values:
    a page of 100 rows may weigh megabytes.""",
    fix="""Bound the text (`max_length`), lower the page maximum, or move the long content
    to a detail entity read one row at a time.""",
    story="""A list of articles returns their full bodies; the mobile app downloads 8 MB to
    show 20 titles.""",
    ignore="""When clients really show the full content in lists.""",
    cost="""An extra request for the detail view.""",
)
def large_text_lists(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        page = entity.pagination or Pagination()
        if operation(ctx, entity, "list") is None or page.max_size < 50:
            continue
        big = [f.name for f in entity.fields if _large_text(f)]
        if big:
            yield Hit(
                f"{entity.name} lists return large values ({', '.join(big)}) for up to "
                f"{page.max_size} rows",
                entity_path(entity),
                entity.loc,
            )


@rule(
    "PERF008",
    "Concurrent edits without optimistic locking",
    severity="medium",
    category="performance",
    cwe=(362,),
    why="""Several kinds of callers may update the same row (several principals, a role,
    every member of a tenant) and the entity has no `optimistic_lock`: two edits made from
    the same old version silently overwrite each other (lost update).""",
    fix="""Add `optimistic_lock`: reads return `version`, updates send it back, and a
    stale version answers 409.""",
    story="""Two staff members adjust a product's stock at once; one change disappears and
    the shop oversells.""",
    ignore="""Rows edited by one person only, or fields where the last write should
    win.""",
    cost="""Clients must send `version` and handle 409 by reloading.""",
    fixable=True,
)
def no_locking(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        update = operation(ctx, entity, "update")
        if update is None or entity.optimistic_lock:
            continue
        principals = set(update.principals)
        if principals <= {"owner"}:
            continue
        if len(principals) < 2 and not principals & {"authenticated", "tenant", "anyone"}:
            continue
        fix = None
        if entity.field("version") is None:
            fix = Fix(
                f"{entity.name}: optimistic_lock", update_entity(entity.name, optimistic_lock=True)
            )
        yield Hit(
            f"{entity.name} is updated by {', '.join(update.principals)} without optimistic "
            "locking",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "PERF009",
    "Read-heavy resource without a cache",
    severity="low",
    category="performance",
    cwe=(400,),
    why=f"""The project expects at least {READ_HEAVY:.0%} reads and this shared entity (not
    owned by users or tenants) has no `cache`: every read goes to the database.""",
    fix="""Allow reads to be cached briefly: `cache 1m`.""",
    story="""The catalogue takes 90% of the traffic; at the sale peak the database
    saturates on the same few queries.""",
    ignore="""Data that must be fresh to the second (stock counts at checkout).""",
    cost="""Readers may see data up to the cache duration old.""",
    fixable=True,
)
def no_cache(ctx: Context) -> Iterator[Hit]:
    load = ctx.spec.project.load
    if load is None or load.read_ratio is None or load.read_ratio < READ_HEAVY:
        return
    for entity in served(ctx):
        if entity.cache is not None or owned(entity):
            continue
        if operation(ctx, entity, "read") is None:
            continue
        yield Hit(
            f"{entity.name} is read-heavy ({load.read_ratio:.0%} reads) and not cached",
            entity_path(entity),
            entity.loc,
            Fix(
                f"{entity.name}: cache 1m",
                update_entity(entity.name, cache=Duration(amount=1, unit="m")),
            ),
        )


@rule(
    "PERF010",
    "Offset pagination on a very large table",
    severity="low",
    category="performance",
    cwe=(1067,),
    why="""Offset pagination reads and skips every earlier row (`OFFSET 200000`) and
    counts the whole table for `total`; at a million rows deep pages and counts are
    slow.""",
    fix="""Use `paginate cursor`.""",
    story="""A crawler walks page 40,000 of `/events`; each request scans 800,000 rows.""",
    ignore="""When clients only ever read the first few pages.""",
    cost="""Clients cannot jump to page N; no total count.""",
)
def deep_offset(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        page = entity.pagination or Pagination()
        if page.style == "offset" and entity.rows is not None and entity.rows >= 1_000_000:
            yield Hit(
                f"{entity.name} uses offset pagination on {entity.rows:,} rows",
                f"entities[{entity.name}].pagination",
                page.loc or entity.loc,
            )
