# frozen_string_literal: true

# /posts: the bodies and list parameters of openapi.json, and who may call what.
PostContract = ResourceContract.new(
  model: Post,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "title", type: "string", required: true, max_length: 255 },
    { name: "content", type: "text", required: true },
    { name: "date", type: "datetime", required: true },
    { name: "blog_id", type: "id", required: true, nullable: true, minimum: 1 },
    { name: "tag_ids", type: "id", required: true, many: true, source: "tag", minimum: 1 }
  ].freeze,
  create: [
    { name: "title", type: "string", required: true, max_length: 255 },
    { name: "content", type: "text", required: true },
    { name: "date", type: "datetime", required: true },
    { name: "blog_id", type: "id", nullable: true, minimum: 1 },
    { name: "tag_ids", type: "id", many: true, source: "tag", minimum: 1 }
  ].freeze,
  update: [
    { name: "title", type: "string", max_length: 255 },
    { name: "content", type: "text" },
    { name: "date", type: "datetime" },
    { name: "blog_id", type: "id", nullable: true, minimum: 1 },
    { name: "tag_ids", type: "id", many: true, source: "tag", minimum: 1 }
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
