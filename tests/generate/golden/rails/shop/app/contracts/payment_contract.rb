# frozen_string_literal: true

# /payments: the bodies and list parameters of openapi.json, and who may call what.
PaymentContract = ResourceContract.new(
  model: Payment,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "paid_order_id", type: "id", required: true, minimum: 1 },
    { name: "customer_id", type: "id", required: true, minimum: 1 },
    { name: "provider_ref", type: "string", required: true, nullable: true, max_length: 64 },
    {
      name: "amount",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,10}(\.\d{1,2})?\z/
    },
    { name: "currency", type: "enum", required: true, choices: %w[eur usd gbp] },
    {
      name: "status",
      type: "enum",
      required: true,
      choices: %w[authorized captured failed refunded]
    },
    {
      name: "card_last4",
      type: "string",
      required: true,
      nullable: true,
      max_length: 4,
      pattern: /\A[0-9]{4}\z/
    },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true }
  ].freeze,
  create: [
    { name: "paid_order_id", type: "id", required: true, minimum: 1 },
    {
      name: "amount",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,10}(\.\d{1,2})?\z/
    },
    { name: "currency", type: "enum", required: true, choices: %w[eur usd gbp] }
  ].freeze,
  update: [
    { name: "paid_order_id", type: "id", minimum: 1 },
    { name: "amount", type: "decimal", minimum: 0, pattern: /\A\d{1,10}(\.\d{1,2})?\z/ },
    { name: "currency", type: "enum", choices: %w[eur usd gbp] }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 },
    { name: "sort", role: "sort", type: "string", choices: %w[amount -amount] },
    {
      name: "status",
      role: "filter",
      type: "enum",
      choices: %w[authorized captured failed refunded],
      column: "status",
      op: "eq"
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
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
  search: [].freeze,
  access: {
    index: %w[admin],
    create: %w[customer],
    show: %w[owner admin],
    update: %w[admin],
    destroy: %w[admin],
    capture: %w[admin]
  }.freeze,
  owner: "customer_id",
  tenant: nil,
  soft_delete: false,
  versioned: false
).freeze
