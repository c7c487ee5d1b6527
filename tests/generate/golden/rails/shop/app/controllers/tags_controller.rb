# frozen_string_literal: true

# /tags: A free label shown as a product facet.
class TagsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = TagContract
end
