# frozen_string_literal: true

# /tags: the bodies and list parameters of openapi.json, and who may call what.
TagContract = ResourceContract.new(
  model: Tag,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "name", type: "string", required: true, max_length: 255, min_length: 2 },
    { name: "entry_ids", type: "id", required: true, many: true, source: "entry", minimum: 1 }
  ].freeze,
  create: [
    { name: "name", type: "string", required: true, max_length: 255, min_length: 2 },
    { name: "entry_ids", type: "id", many: true, source: "entry", minimum: 1 }
  ].freeze,
  update: [
    { name: "name", type: "string", max_length: 255, min_length: 2 },
    { name: "entry_ids", type: "id", many: true, source: "entry", minimum: 1 }
  ].freeze,
  params: [
    { name: "cursor", role: "cursor", type: "string", max_length: 512 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 }
  ].freeze,
  pagination: { style: "cursor", size: 20, max: 100 }.freeze,
  search: [].freeze,
  access: {
    index: %w[authenticated],
    create: %w[authenticated],
    show: %w[authenticated],
    update: %w[authenticated],
    destroy: %w[authenticated]
  }.freeze,
  owner: nil,
  tenant: nil,
  soft_delete: false,
  versioned: false
).freeze
