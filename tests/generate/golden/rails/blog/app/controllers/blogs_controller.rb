# frozen_string_literal: true

# /blogs: the blog endpoints.
class BlogsController < ApplicationController
  include ResourceEndpoints

  CONTRACT = BlogContract
end
