# frozen_string_literal: true

# /reviews: A verified buyer's rating of a product.
class ReviewsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = ReviewContract
end
