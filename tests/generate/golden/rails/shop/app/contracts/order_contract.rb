# frozen_string_literal: true

# /orders: the bodies and list parameters of openapi.json, and who may call what.
OrderContract = ResourceContract.new(
  model: Order,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "number", type: "string", required: true, nullable: true, max_length: 20 },
    { name: "customer_id", type: "id", required: true, minimum: 1 },
    {
      name: "status",
      type: "enum",
      required: true,
      choices: %w[pending paid packed shipped delivered cancelled refunded]
    },
    {
      name: "subtotal",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,10}(\.\d{1,2})?\z/
    },
    {
      name: "shipping_fee",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,8}(\.\d{1,2})?\z/
    },
    {
      name: "total",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,10}(\.\d{1,2})?\z/
    },
    { name: "currency", type: "enum", required: true, choices: %w[eur usd gbp] },
    { name: "ship_to_name", type: "string", required: true, max_length: 120 },
    { name: "ship_to_address", type: "text", required: true },
    {
      name: "phone",
      type: "string",
      required: true,
      nullable: true,
      max_length: 20,
      pattern: /\A\+?[0-9 ]{6,20}\z/
    },
    { name: "note", type: "text", required: true, nullable: true, max_length: 500 },
    { name: "placed_at", type: "datetime", required: true },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true },
    { name: "version", type: "int", required: true, minimum: 1 }
  ].freeze,
  create: [
    { name: "currency", type: "enum", choices: %w[eur usd gbp] },
    { name: "ship_to_name", type: "string", required: true, max_length: 120 },
    { name: "ship_to_address", type: "text", required: true },
    {
      name: "phone",
      type: "string",
      nullable: true,
      max_length: 20,
      pattern: /\A\+?[0-9 ]{6,20}\z/
    },
    { name: "note", type: "text", nullable: true, max_length: 500 }
  ].freeze,
  update: [
    { name: "currency", type: "enum", choices: %w[eur usd gbp] },
    { name: "ship_to_name", type: "string", max_length: 120 },
    { name: "ship_to_address", type: "text" },
    {
      name: "phone",
      type: "string",
      nullable: true,
      max_length: 20,
      pattern: /\A\+?[0-9 ]{6,20}\z/
    },
    { name: "note", type: "text", nullable: true, max_length: 500 },
    { name: "version", type: "int", required: true, minimum: 1 }
  ].freeze,
  params: [
    { name: "cursor", role: "cursor", type: "string", max_length: 512 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 },
    { name: "q", role: "search", type: "string", max_length: 255 },
    {
      name: "sort",
      role: "sort",
      type: "string",
      choices: %w[placed_at -placed_at total -total]
    },
    {
      name: "status",
      role: "filter",
      type: "enum",
      choices: %w[pending paid packed shipped delivered cancelled refunded],
      column: "status",
      op: "eq"
    },
    {
      name: "customer_id",
      role: "filter",
      type: "id",
      minimum: 1,
      column: "customer_id",
      op: "eq"
    },
    { name: "placed_at", role: "filter", type: "datetime", column: "placed_at", op: "eq" },
    { name: "placed_at__gte", role: "filter", type: "datetime", column: "placed_at", op: "gte" },
    { name: "placed_at__lte", role: "filter", type: "datetime", column: "placed_at", op: "lte" }
  ].freeze,
  pagination: { style: "cursor", size: 20, max: 100 }.freeze,
  search: %w[number].freeze,
  access: {
    index: %w[owner staff admin],
    create: %w[customer],
    show: %w[owner staff admin],
    update: %w[staff admin],
    destroy: %w[admin],
    cancel: %w[owner staff],
    ship: %w[staff],
    refund: %w[admin]
  }.freeze,
  owner: "customer_id",
  tenant: nil,
  soft_delete: false,
  versioned: true
).freeze
