# frozen_string_literal: true

# /payments: A card payment taken through the payment provider.
class PaymentsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = PaymentContract

  # POST /payments/{id}/capture
  def capture
    idempotently("payment_capture") do
      row = find_row(authorize_operation!(:capture))
      # TODO: implement capture; for now it answers the payment unchanged.
      render json: present_row(row)
    end
  end
end
