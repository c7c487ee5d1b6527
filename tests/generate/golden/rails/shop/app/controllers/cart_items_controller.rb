# frozen_string_literal: true

# /cart-items: the cart item endpoints.
class CartItemsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = CartItemContract
end
