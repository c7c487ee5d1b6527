# frozen_string_literal: true

# /tags: the tag endpoints.
class TagsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = TagContract
end
