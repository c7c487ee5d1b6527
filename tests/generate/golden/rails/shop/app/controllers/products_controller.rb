# frozen_string_literal: true

# /products: Something we sell.
class ProductsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = ProductContract
end
