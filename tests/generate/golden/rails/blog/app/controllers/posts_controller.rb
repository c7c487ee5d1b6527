# frozen_string_literal: true

# /posts: the post endpoints.
class PostsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = PostContract
end
