# frozen_string_literal: true

# /carts: the bodies and list parameters of openapi.json, and who may call what.
CartContract = ResourceContract.new(
  model: Cart,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "customer_id", type: "id", required: true, minimum: 1 },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true }
  ].freeze,
  create: [].freeze,
  update: [].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 }
  ].freeze,
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
  search: [].freeze,
  access: {
    index: %w[owner],
    create: %w[customer],
    show: %w[owner],
    update: %w[owner],
    destroy: %w[admin],
    checkout: %w[owner]
  }.freeze,
  owner: "customer_id",
  tenant: nil,
  soft_delete: false,
  versioned: false
).freeze
