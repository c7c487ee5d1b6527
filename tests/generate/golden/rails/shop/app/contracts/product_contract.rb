# frozen_string_literal: true

# /products: the bodies and list parameters of openapi.json, and who may call what.
ProductContract = ResourceContract.new(
  model: Product,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "name", type: "string", required: true, max_length: 120, min_length: 2 },
    {
      name: "sku",
      type: "string",
      required: true,
      max_length: 32,
      pattern: /\A[A-Z0-9-]{4,32}\z/
    },
    { name: "description", type: "text", required: true, nullable: true, max_length: 10_000 },
    {
      name: "price",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,8}(\.\d{1,2})?\z/
    },
    { name: "currency", type: "enum", required: true, choices: %w[eur usd gbp] },
    { name: "stock", type: "int", required: true, minimum: 0 },
    { name: "weight_grams", type: "int", required: true, nullable: true, minimum: 1 },
    { name: "active", type: "bool", required: true },
    { name: "image", type: "file", required: true, nullable: true, max_length: 2048 },
    { name: "details", type: "json", required: true, nullable: true },
    { name: "category_id", type: "id", required: true, minimum: 1 },
    { name: "tags_ids", type: "id", required: true, many: true, source: "tags", minimum: 1 },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true },
    { name: "version", type: "int", required: true, minimum: 1 }
  ].freeze,
  create: [
    { name: "name", type: "string", required: true, max_length: 120, min_length: 2 },
    {
      name: "sku",
      type: "string",
      required: true,
      max_length: 32,
      pattern: /\A[A-Z0-9-]{4,32}\z/
    },
    { name: "description", type: "text", nullable: true, max_length: 10_000 },
    {
      name: "price",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,8}(\.\d{1,2})?\z/
    },
    { name: "currency", type: "enum", choices: %w[eur usd gbp] },
    { name: "stock", type: "int", minimum: 0 },
    { name: "weight_grams", type: "int", nullable: true, minimum: 1 },
    { name: "active", type: "bool" },
    { name: "image", type: "file", nullable: true, max_length: 2048 },
    { name: "details", type: "json", nullable: true },
    { name: "category_id", type: "id", required: true, minimum: 1 },
    { name: "tags_ids", type: "id", many: true, source: "tags", minimum: 1 }
  ].freeze,
  update: [
    { name: "name", type: "string", max_length: 120, min_length: 2 },
    { name: "sku", type: "string", max_length: 32, pattern: /\A[A-Z0-9-]{4,32}\z/ },
    { name: "description", type: "text", nullable: true, max_length: 10_000 },
    { name: "price", type: "decimal", minimum: 0, pattern: /\A\d{1,8}(\.\d{1,2})?\z/ },
    { name: "currency", type: "enum", choices: %w[eur usd gbp] },
    { name: "stock", type: "int", minimum: 0 },
    { name: "weight_grams", type: "int", nullable: true, minimum: 1 },
    { name: "active", type: "bool" },
    { name: "image", type: "file", nullable: true, max_length: 2048 },
    { name: "details", type: "json", nullable: true },
    { name: "category_id", type: "id", minimum: 1 },
    { name: "tags_ids", type: "id", many: true, source: "tags", minimum: 1 },
    { name: "version", type: "int", required: true, minimum: 1 }
  ].freeze,
  params: [
    { name: "cursor", role: "cursor", type: "string", max_length: 512 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 96, default: 24 },
    { name: "q", role: "search", type: "string", max_length: 255 },
    {
      name: "sort",
      role: "sort",
      type: "string",
      choices: %w[price -price name -name stock -stock]
    },
    {
      name: "category_id",
      role: "filter",
      type: "id",
      minimum: 1,
      column: "category_id",
      op: "eq"
    },
    { name: "active", role: "filter", type: "bool", column: "active", op: "eq" },
    {
      name: "price",
      role: "filter",
      type: "decimal",
      pattern: /\A-?\d{1,8}(\.\d{1,2})?\z/,
      column: "price",
      op: "eq"
    },
    {
      name: "price__gte",
      role: "filter",
      type: "decimal",
      pattern: /\A-?\d{1,8}(\.\d{1,2})?\z/,
      column: "price",
      op: "gte"
    },
    {
      name: "price__lte",
      role: "filter",
      type: "decimal",
      pattern: /\A-?\d{1,8}(\.\d{1,2})?\z/,
      column: "price",
      op: "lte"
    },
    {
      name: "currency",
      role: "filter",
      type: "enum",
      choices: %w[eur usd gbp],
      column: "currency",
      op: "eq"
    }
  ].freeze,
  pagination: { style: "cursor", size: 24, max: 96 }.freeze,
  search: %w[name sku description].freeze,
  access: {
    index: %w[anyone],
    create: %w[admin staff],
    show: %w[anyone],
    update: %w[admin staff],
    destroy: %w[admin]
  }.freeze,
  owner: nil,
  tenant: nil,
  soft_delete: true,
  versioned: true
).freeze
