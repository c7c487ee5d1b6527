# frozen_string_literal: true

# Line coverage of app/ and lib/ (SimpleCov), started before any of their files loads: by
# test/test_helper.rb, and by bin/rails for `rails test`, which since Rails 7.1 loads
# config/application.rb (and the lib/ files it requires) before the test files.
require "simplecov"
SimpleCov.start do
  enable_coverage :line
  add_filter %w[/test/ /config/ /db/ /vendor/]
  track_files "{app,lib}/**/*.rb"
  minimum_coverage 90
end
