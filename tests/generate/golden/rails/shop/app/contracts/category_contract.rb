# frozen_string_literal: true

# /categories: the bodies and list parameters of openapi.json, and who may call what.
CategoryContract = ResourceContract.new(
  model: Category,
  read: [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "name", type: "string", required: true, max_length: 80 },
    {
      name: "slug",
      type: "string",
      required: true,
      max_length: 80,
      pattern: /\A[a-z0-9]+(-[a-z0-9]+)*\z/
    },
    { name: "position", type: "int", required: true, minimum: 0 },
    { name: "parent_id", type: "id", required: true, nullable: true, minimum: 1 }
  ].freeze,
  create: [
    { name: "name", type: "string", required: true, max_length: 80 },
    {
      name: "slug",
      type: "string",
      required: true,
      max_length: 80,
      pattern: /\A[a-z0-9]+(-[a-z0-9]+)*\z/
    },
    { name: "position", type: "int", minimum: 0 },
    { name: "parent_id", type: "id", nullable: true, minimum: 1 }
  ].freeze,
  update: [
    { name: "name", type: "string", max_length: 80 },
    { name: "slug", type: "string", max_length: 80, pattern: /\A[a-z0-9]+(-[a-z0-9]+)*\z/ },
    { name: "position", type: "int", minimum: 0 },
    { name: "parent_id", type: "id", nullable: true, minimum: 1 }
  ].freeze,
  params: [
    { name: "page", role: "page", type: "int", minimum: 1, default: 1 },
    { name: "size", role: "size", type: "int", minimum: 1, maximum: 100, default: 20 },
    { name: "q", role: "search", type: "string", max_length: 255 },
    { name: "sort", role: "sort", type: "string", choices: %w[position -position name -name] }
  ].freeze,
  pagination: { style: "offset", size: 20, max: 100 }.freeze,
  search: %w[name].freeze,
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
