# frozen_string_literal: true

# /reviews: the bodies and list parameters of openapi.json, and who may call what.
ReviewContract = ResourceContract.new(
  model: Review,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "product_id", type: "id", required: true, minimum: 1 },
    { name: "author_id", type: "id", required: true, minimum: 1 },
    { name: "rating", type: "int", required: true, minimum: 1, maximum: 5 },
    { name: "title", type: "string", required: true, nullable: true, max_length: 120 },
    { name: "body", type: "text", required: true, nullable: true, max_length: 5000 },
    { name: "verified", type: "bool", required: true },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true }
  ].freeze,
  create: [
    { name: "product_id", type: "id", required: true, minimum: 1 },
    { name: "rating", type: "int", required: true, minimum: 1, maximum: 5 },
    { name: "title", type: "string", nullable: true, max_length: 120 },
    { name: "body", type: "text", nullable: true, max_length: 5000 }
  ].freeze,
  update: [
    { name: "product_id", type: "id", minimum: 1 },
    { name: "rating", type: "int", minimum: 1, maximum: 5 },
    { name: "title", type: "string", nullable: true, max_length: 120 },
    { name: "body", type: "text", nullable: true, max_length: 5000 }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 50, default: 10 },
    { name: "q", role: "search", type: "string", max_length: 255 },
    { name: "sort", role: "sort", type: "string", choices: %w[rating -rating] },
    {
      name: "product_id",
      role: "filter",
      type: "id",
      minimum: 1,
      column: "product_id",
      op: "eq"
    },
    { name: "rating", role: "filter", type: "int", column: "rating", op: "eq" },
    { name: "rating__gte", role: "filter", type: "int", column: "rating", op: "gte" },
    { name: "rating__lte", role: "filter", type: "int", column: "rating", op: "lte" },
    { name: "verified", role: "filter", type: "bool", column: "verified", op: "eq" }
  ].freeze,
  pagination: { style: "offset", size: 10, max: 50 }.freeze,
  search: %w[title body].freeze,
  access: {
    index: %w[anyone],
    create: %w[customer],
    show: %w[anyone],
    update: %w[owner admin],
    destroy: %w[owner admin]
  }.freeze,
  owner: "author_id",
  tenant: nil,
  soft_delete: true,
  versioned: false
).freeze
