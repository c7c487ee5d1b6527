# frozen_string_literal: true

# /carts: the cart endpoints.
class CartsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = CartContract

  # POST /carts/{id}/checkout
  def checkout
    idempotently("cart_checkout") do
      row = find_row(authorize_operation!(:checkout))
      # TODO: implement checkout; for now it answers the cart unchanged.
      render json: present_row(row)
    end
  end
end
