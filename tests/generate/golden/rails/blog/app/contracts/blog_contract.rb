# frozen_string_literal: true

# /blogs: the bodies and list parameters of openapi.json, and who may call what.
BlogContract = ResourceContract.new(
  model: Blog,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "name", type: "string", required: true, max_length: 255, min_length: 3 },
    { name: "handle", type: "string", required: true, max_length: 255, min_length: 2 },
    { name: "user_id", type: "id", required: true, nullable: true, minimum: 1 }
  ].freeze,
  create: [
    { name: "name", type: "string", required: true, max_length: 255, min_length: 3 },
    { name: "handle", type: "string", required: true, max_length: 255, min_length: 2 },
    { name: "user_id", type: "id", nullable: true, minimum: 1 }
  ].freeze,
  update: [
    { name: "name", type: "string", max_length: 255, min_length: 3 },
    { name: "handle", type: "string", max_length: 255, min_length: 2 },
    { name: "user_id", type: "id", nullable: true, minimum: 1 }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 }
  ].freeze,
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
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
