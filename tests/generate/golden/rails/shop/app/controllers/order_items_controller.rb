# frozen_string_literal: true

# /order-items: A line of an order, priced when it was ordered.
class OrderItemsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = OrderItemContract
end
