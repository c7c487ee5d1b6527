# frozen_string_literal: true

# /orders: A customer's order.
class OrdersController < ApplicationController
  include ResourceEndpoints

  CONTRACT = OrderContract

  # POST /orders/{id}/cancel
  def cancel
    idempotently("order_cancel") do
      row = find_row(authorize_operation!(:cancel))
      # TODO: implement cancel; for now it answers the order unchanged.
      render json: present_row(row)
    end
  end

  # POST /orders/{id}/ship
  def ship
    row = find_row(authorize_operation!(:ship))
    # TODO: implement ship; for now it answers the order unchanged.
    render json: present_row(row)
  end

  # POST /orders/{id}/refund
  def refund
    idempotently("order_refund") do
      row = find_row(authorize_operation!(:refund))
      # TODO: implement refund; for now it answers the order unchanged.
      render json: present_row(row)
    end
  end
end
