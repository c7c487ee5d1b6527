"""Users, workspaces, memberships, sessions, API keys, projects, spec versions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _created() -> sa.Column[datetime]:
    return sa.Column("created_at", sa.DateTime(), nullable=False)


def _fk(name: str, target: str, ondelete: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "users",
        _id(),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        _created(),
    )
    op.create_table(
        "workspaces", _id(), sa.Column("name", sa.String(200), nullable=False), _created()
    )
    op.create_table(
        "memberships",
        _id(),
        _fk("user_id", "users.id", "CASCADE"),
        _fk("workspace_id", "workspaces.id", "CASCADE"),
        sa.Column("role", sa.String(16), nullable=False),
        sa.UniqueConstraint("user_id", "workspace_id"),
    )
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_index("ix_memberships_workspace_id", "memberships", ["workspace_id"])
    op.create_table(
        "sessions",
        _id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _fk("user_id", "users.id", "CASCADE"),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        _created(),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "api_keys",
        _id(),
        _fk("workspace_id", "workspaces.id", "CASCADE"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        _fk("created_by", "users.id", "SET NULL", nullable=True),
        _created(),
    )
    op.create_index("ix_api_keys_workspace_id", "api_keys", ["workspace_id"])
    op.create_table(
        "projects",
        _id(),
        _fk("workspace_id", "workspaces.id", "CASCADE"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        _created(),
    )
    op.create_index("ix_projects_workspace_id", "projects", ["workspace_id"])
    op.create_table(
        "spec_versions",
        _id(),
        _fk("project_id", "projects.id", "CASCADE"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        _fk("author_id", "users.id", "SET NULL", nullable=True),
        _created(),
        sa.UniqueConstraint("project_id", "number"),
    )
    op.create_index("ix_spec_versions_project_id", "spec_versions", ["project_id"])


def downgrade() -> None:
    for table in ("spec_versions", "projects", "api_keys", "sessions", "memberships"):
        op.drop_table(table)
    op.drop_table("workspaces")
    op.drop_table("users")
