# frozen_string_literal: true

# /order-items: the bodies and list parameters of openapi.json, and who may call what.
OrderItemContract = ResourceContract.new(
  model: OrderItem,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "parent_order_id", type: "id", required: true, minimum: 1 },
    { name: "customer_id", type: "id", required: true, minimum: 1 },
    { name: "product_id", type: "id", required: true, minimum: 1 },
    { name: "quantity", type: "int", required: true, minimum: 1, maximum: 999 },
    {
      name: "unit_price",
      type: "decimal",
      required: true,
      minimum: 0,
      pattern: /\A\d{1,8}(\.\d{1,2})?\z/
    }
  ].freeze,
  create: [
    { name: "parent_order_id", type: "id", required: true, minimum: 1 },
    { name: "product_id", type: "id", required: true, minimum: 1 },
    { name: "quantity", type: "int", required: true, minimum: 1, maximum: 999 }
  ].freeze,
  update: [
    { name: "parent_order_id", type: "id", minimum: 1 },
    { name: "product_id", type: "id", minimum: 1 },
    { name: "quantity", type: "int", minimum: 1, maximum: 999 }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 }
  ].freeze,
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
  search: [].freeze,
  access: {
    index: %w[owner staff admin],
    create: %w[admin],
    show: %w[owner staff admin],
    update: %w[admin],
    destroy: %w[admin]
  }.freeze,
  owner: "customer_id",
  tenant: nil,
  soft_delete: false,
  versioned: false
).freeze
