# frozen_string_literal: true

# /tags: the bodies and list parameters of openapi.json, and who may call what.
TagContract = ResourceContract.new(
  model: Tag,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "label", type: "string", required: true, max_length: 40 },
    {
      name: "products_ids",
      type: "id",
      required: true,
      many: true,
      source: "products",
      minimum: 1
    }
  ].freeze,
  create: [
    { name: "label", type: "string", required: true, max_length: 40 },
    { name: "products_ids", type: "id", many: true, source: "products", minimum: 1 }
  ].freeze,
  update: [
    { name: "label", type: "string", max_length: 40 },
    { name: "products_ids", type: "id", many: true, source: "products", minimum: 1 }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 },
    { name: "q", role: "search", type: "string", max_length: 255 }
  ].freeze,
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
  search: %w[label].freeze,
  access: {
    index: %w[anyone],
    create: %w[admin staff],
    show: %w[anyone],
    update: %w[admin staff],
    destroy: %w[admin staff]
  }.freeze,
  owner: nil,
  tenant: nil,
  soft_delete: false,
  versioned: false
).freeze
