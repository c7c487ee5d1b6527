# frozen_string_literal: true

# /categories: A node of the catalogue tree.
class CategoriesController < ApplicationController
  include ResourceEndpoints

  CONTRACT = CategoryContract
end
